// One consultation: channel and item, when it came in, who asked (masked as the server gives it),
// the first responder (首问负责人), the question and the answer or that one is awaited, and the case
// it became. Its buttons are those of the viewer's role: 答复 (case.consult) and 转为申请 (case.accept).
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Space } from 'antd';
import { StatusTag } from '../../../shared/StatusTag';
import { formatDateTime } from '../../../shared/time';
import type { Consultation } from '../hooks';

const text = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt style={{ color: 'rgba(0, 0, 0, 0.68)', whiteSpace: 'nowrap' }}>{label}</dt>
      <dd style={{ margin: 0, minWidth: 0, ...text }}>{children}</dd>
    </>
  );
}

interface Props {
  c: Consultation;
  /** Shown when the viewer may answer (case.consult) and no answer is recorded. */
  onAnswer?: () => void;
  /** Shown when the viewer may enter applications (case.accept) and no case is linked yet. */
  onConvert?: () => void;
}

export function ConsultationCard({ c, onAnswer, onConvert }: Props) {
  const headingId = useId();
  const asker = [c.askerName, c.askerContact].filter(Boolean).join('，');
  return (
    <Card size="small" role="article" aria-labelledby={headingId}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 8 }}>
        <h2 id={headingId} style={{ fontSize: 16, margin: 0, overflowWrap: 'anywhere' }}>
          {c.channelName}咨询 · {c.item?.name ?? '未指定事项'}
        </h2>
        <Space size={4} wrap>
          {c.answer === null ? <StatusTag tone="warn">待答复</StatusTag> : <StatusTag tone="ok">已答复</StatusTag>}
          {c.case && <StatusTag tone="off">已转为申请</StatusTag>}
        </Space>
      </div>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 12, rowGap: 4, margin: 0 }}>
        <Row label="登记时间">{formatDateTime(c.createdAt)}</Row>
        <Row label="咨询人">{asker || '未留姓名'}</Row>
        <Row label="首问负责人">{c.responder?.name ?? '—'}</Row>
        <Row label="咨询内容">{c.question}</Row>
        <Row label="答复">{c.answer === null ? '尚未答复' : `${c.answer}（${formatDateTime(c.answeredAt)}）`}</Row>
        {c.case && (
          <Row label="办件">
            {/* Its own block: a link beside other text would need more than colour to stand out. */}
            <Link to={`/cases/${c.case.id}`} style={{ display: 'inline-block' }}>
              {c.case.caseNumber}
            </Link>
          </Row>
        )}
      </dl>
      {(onAnswer || onConvert) && (
        <Space wrap style={{ marginTop: 12 }}>
          {onAnswer && (
            <Button type="primary" onClick={onAnswer}>
              答复
            </Button>
          )}
          {onConvert && <Button onClick={onConvert}>转为申请</Button>}
        </Space>
      )}
    </Card>
  );
}
