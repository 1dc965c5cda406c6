// 补齐补正 / 容缺补正 taken in at the window: the applicant brings what the notice asked for, the
// clerk uploads it or ticks 纸质已收 per listed material, and the case moves on (补齐 → 待受理).
import { useEffect, useState } from 'react';
import { Alert, Modal, Typography } from 'antd';
import { ApiError } from '../../../api/client';
import { useCaseAction } from '../hooks';
import type { CaseDetail, MaterialItem } from '../types';
import { describeMaterialError } from '../materialProblems';
import { MaterialRow, useReceived } from './MaterialReceiver';

interface Props {
  c: CaseDetail;
  action: 'supply' | 'supply-correction' | null;
  onClose: () => void;
  onConflict: (detail: string) => void;
  onDone: (label: string) => void;
}

export function SupplyDialog({ c, action, onClose, onConflict, onDone }: Props) {
  const act = useCaseAction(c.id);
  const { received, upload, setPaper, reset, entries, uploading } = useReceived();
  const [problem, setProblem] = useState<string | null>(null);
  const label = action === 'supply' ? '补齐补正材料（窗口代收）' : '容缺补正材料（窗口代收）';
  const list = action === 'supply' ? c.supplement : c.tolerant;
  // What the notice asked for; without a notice on record, the guide's materials of the situation.
  // (A material obtained by data sharing is never supplied.)
  const items: MaterialItem[] = list?.items ?? c.guideMaterials.filter((m) => m.source !== 'sharing').map((m) => ({ materialId: m.id, name: m.name, note: null }));

  useEffect(() => {
    if (!action) return;
    reset();
    setProblem(null);
    act.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action]);

  const submit = () => {
    if (!action) return;
    const materials = entries(items.map((i) => i.materialId));
    if (materials.length === 0) {
      setProblem('请至少上传一项材料或勾选“纸质已收”');
      return;
    }
    setProblem(null);
    act.mutate(
      { action, version: c.version, body: { materials } },
      {
        onSuccess: () => {
          onDone(label);
          onClose();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409 && (e.code === 'case-changed' || e.code === 'case-wrong-state')) {
            onConflict(e.code === 'case-changed' ? '办件已被他人处理，页面已刷新为最新状态，请核对后再操作。' : `${e.detail}。页面已刷新为最新状态。`);
            onClose();
            return;
          }
          setProblem(describeMaterialError(e, materials, new Map(items.map((i) => [i.materialId, i.name]))));
        },
      },
    );
  };

  return (
    <Modal
      title={<span style={{ display: 'block', paddingInlineEnd: 24, wordBreak: 'break-all' }}>{`${label} · ${c.caseNumber}`}</span>}
      open={!!action}
      onCancel={onClose}
      onOk={submit}
      okText="提交材料"
      cancelText="取消"
      okButtonProps={{ disabled: uploading }}
      confirmLoading={act.isPending}
      destroyOnHidden
      width={640}
    >
      {list && <Typography.Paragraph>补正期限：{list.deadlineOn}</Typography.Paragraph>}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="需补齐补正的材料">
        {items.map((i) => (
          <MaterialRow
            key={i.materialId}
            materialId={i.materialId}
            name={i.name}
            note={i.note}
            received={received[i.materialId] ?? {}}
            onUpload={(f) => upload(i.materialId, f)}
            onPaper={(paper) => setPaper(i.materialId, paper)}
          />
        ))}
      </ul>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
