// 咨询登记 (Art. 14): the consultations taken in the viewer's organizations, newest first, each
// with its channel, item, asker, first responder (首问负责人), question and answer. Staff who take
// consultations (case.consult) log new ones and answer those still open; window staff (case.accept)
// turn one into an application: 窗口收件 opens with the item chosen and links the case it creates.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Empty, Select, Space, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { hasPermission } from '../../../shared/permissions';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useMe } from '../../auth/hooks';
import { useApplicableImplementations } from '../../cases/hooks';
import { AnswerDialog } from '../components/AnswerDialog';
import { ConsultationCard } from '../components/ConsultationCard';
import { ConsultationDialog } from '../components/ConsultationDialog';
import { CONSULT_CHANNELS, useConsultations, type Consultation, type ConsultationChannel } from '../hooks';

type Answered = 'all' | 'open' | 'answered';

export default function ConsultationsPage() {
  usePageTitle('咨询登记');
  const me = useMe().data!;
  const navigate = useNavigate();
  const mayConsult = hasPermission(me.roles, 'case.consult');
  const mayApply = hasPermission(me.roles, 'case.accept');
  const [channel, setChannel] = useState<ConsultationChannel | 'all'>('all');
  const [answered, setAnswered] = useState<Answered>('all');
  const [logging, setLogging] = useState(false);
  const [answering, setAnswering] = useState<Consultation | null>(null);

  const list = useConsultations({
    ...(channel !== 'all' ? { channel } : {}),
    ...(answered !== 'all' ? { answered: answered === 'answered' } : {}),
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // Only window staff need the items they can receive, to open 窗口收件 with the item chosen.
  const implementations = useApplicableImplementations();

  /** 窗口收件 for this consultation: the item's implementation, preferably the clerk's own organization's. */
  const convert = (c: Consultation) => {
    const params = new URLSearchParams({ consultation: c.id });
    const matches = (implementations.data ?? []).filter((i) => i.item.id === c.item?.id);
    const chosen = matches.find((i) => i.org.id === me.orgId) ?? matches[0];
    if (chosen) params.set('implementationId', chosen.id);
    navigate(`/cases/new?${params.toString()}`);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        咨询登记
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        窗口、电话、网上和信函咨询均在此登记，登记人即为首问负责人。咨询可当场答复，也可稍后答复；需要办理的，可直接转为窗口申请。
      </Typography.Paragraph>
      <Space wrap>
        {mayConsult && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setLogging(true)}>
            登记咨询
          </Button>
        )}
        <Select
          aria-label="按渠道筛选"
          value={channel}
          onChange={setChannel}
          style={{ width: 140 }}
          options={[{ value: 'all', label: '全部渠道' }, ...CONSULT_CHANNELS]}
        />
        <Select
          aria-label="按答复情况筛选"
          value={answered}
          onChange={setAnswered}
          style={{ width: 140 }}
          options={[
            { value: 'all', label: '全部咨询' },
            { value: 'open', label: '待答复' },
            { value: 'answered', label: '已答复' },
          ]}
        />
      </Space>
      <ErrorAlert error={list.error} />
      {list.isPending && list.fetchStatus !== 'idle' ? (
        <Spin description="加载中…">
          <div style={{ minHeight: 80 }} />
        </Spin>
      ) : rows.length === 0 ? (
        !list.error && <Empty description={channel === 'all' && answered === 'all' ? '暂无咨询记录' : '没有符合条件的咨询'} />
      ) : (
        <ul aria-label="咨询记录" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }}>
          {rows.map((c) => (
            <li key={c.id}>
              <ConsultationCard
                c={c}
                onAnswer={mayConsult && c.answer === null ? () => setAnswering(c) : undefined}
                onConvert={mayApply && mayConsult && !c.case ? () => convert(c) : undefined}
              />
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} block>
          加载更多
        </Button>
      )}
      <ConsultationDialog open={logging} onClose={() => setLogging(false)} />
      <AnswerDialog consultation={answering} onClose={() => setAnswering(null)} />
    </Space>
  );
}
