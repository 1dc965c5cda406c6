// The form of one action on a case (受理, 补齐补正, 容缺受理, 不予受理, 暂停/恢复计时, 延长, 审查完成,
// 准予, 不予, 送达, 电话回访). Each posts {version, …} for the version the clerk saw; when someone
// else acted first (409) the page reloads the case and says so; the server's reasons go onto the
// fields they name.
import { useEffect, useState } from 'react';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { ApiError, describeError } from '../../../api/client';
import { MATERIAL_SOURCE_NAMES } from '../../../shared/labels';
import { todayInShanghai } from '../../../shared/time';
import { useCaseAction } from '../hooks';
import { DELIVERY_METHOD_NAMES, materialStatus, PAUSE_KIND_NAMES, RESULT_FORM_NAMES } from '../labels';
import type { CaseAction, CaseDetail } from '../types';

/** The staff actions this screen has a form for, in the order their buttons appear. */
export const ACTION_BUTTONS: { action: CaseAction; label: string; ok: string; danger?: boolean; primary?: boolean }[] = [
  { action: 'accept', label: '受理', ok: '确认受理', primary: true },
  { action: 'request-supplement', label: '一次性告知补齐补正', ok: '发出补正告知' },
  { action: 'accept-tolerant', label: '容缺受理', ok: '确认容缺受理' },
  { action: 'refuse-acceptance', label: '不予受理', ok: '确认不予受理', danger: true },
  { action: 'supply', label: '补齐补正材料（窗口代收）', ok: '提交材料' },
  { action: 'supply-correction', label: '容缺补正材料（窗口代收）', ok: '提交材料' },
  { action: 'complete-review', label: '审查完成', ok: '提交审查意见', primary: true },
  { action: 'grant', label: '准予', ok: '确认准予', primary: true },
  { action: 'refuse', label: '不予', ok: '确认不予', danger: true },
  { action: 'pause', label: '暂停计时', ok: '暂停计时' },
  { action: 'resume', label: '恢复计时', ok: '恢复计时' },
  { action: 'extend', label: '延长办理时限', ok: '确认延长' },
  { action: 'deliver', label: '送达', ok: '登记送达', primary: true },
  { action: 'phone-follow-up', label: '电话回访', ok: '保存回访记录' },
];

interface Values {
  pick?: Record<string, boolean>;
  notes?: Record<string, string>;
  deadlineOn?: string;
  reasons?: string;
  legalBasis?: string;
  contact?: string;
  kind?: string;
  reason?: string;
  startedOn?: string;
  endedOn?: string;
  days?: number;
  opinion?: string;
  resultForms?: string[];
  contactPerson?: string;
  contactPhone?: string;
  method?: string;
  carrier?: string;
  trackingNumber?: string;
  note?: string;
}

const req = (message: string) => [{ required: true, whitespace: true, message }];
const atLeastOne = (msg: string) => ({ validator: (_: unknown, v?: unknown[]) => (v && v.length ? Promise.resolve() : Promise.reject(new Error(msg))) });

/** The request body of an action from the form's values. */
function bodyOf(action: CaseAction, v: Values, ticked: string[]): Record<string, unknown> {
  const t = (s?: string) => s?.trim() || undefined;
  switch (action) {
    case 'request-supplement':
    case 'accept-tolerant':
      return { items: ticked.map((materialId) => ({ materialId, note: v.notes?.[materialId]?.trim() ?? '' })), deadlineOn: v.deadlineOn };
    case 'refuse-acceptance':
      return { reasons: t(v.reasons), legalBasis: t(v.legalBasis), contact: t(v.contact) };
    case 'pause':
      return { kind: v.kind, reason: t(v.reason), ...(v.startedOn ? { startedOn: v.startedOn } : {}) };
    case 'resume':
      return v.endedOn ? { endedOn: v.endedOn } : {};
    case 'extend':
      return { days: v.days, reason: t(v.reason) };
    case 'complete-review':
      return { opinion: t(v.opinion) };
    case 'grant':
      return { resultForms: v.resultForms ?? [], ...(t(v.opinion) ? { opinion: t(v.opinion) } : {}) };
    case 'refuse':
      return { reasons: t(v.reasons), contactPerson: t(v.contactPerson), contactPhone: t(v.contactPhone), ...(t(v.legalBasis) ? { legalBasis: t(v.legalBasis) } : {}) };
    case 'deliver':
      return v.method === 'mail' ? { method: v.method, carrier: t(v.carrier), trackingNumber: t(v.trackingNumber) } : { method: v.method };
    case 'phone-follow-up':
      return { note: t(v.note) };
    default:
      return {};
  }
}

/**
 * Where the server's invalidParams go on the form: `body.items.2.note` is the note of the third
 * ticked material; `body.reasons` is the reasons field. What fits no field stays in the alert.
 */
function placeErrors(error: ApiError, ticked: string[], known: string[]): { fields: { name: (string | number)[]; errors: string[] }[]; rest: string[] } {
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const p of error.invalidParams) {
    const path = p.name.replace(/^body\.?/, '').split('.').filter(Boolean);
    if (path[0] === 'items') {
      const i = Number(path[1]);
      if (path[2] === 'note' && ticked[i]) fields.push({ name: ['notes', ticked[i]], errors: [p.reason] });
      else rest.push(p.reason);
    } else if (path[0] && known.includes(path[0])) fields.push({ name: [path[0]], errors: [p.reason] });
    else rest.push(p.reason);
  }
  return { fields, rest };
}

/**
 * 勾选材料: the guide's materials of the case's situation (nothing beyond the guide can be asked
 * for, Art. 8), each with what the case holds of it; a ticked one asks for what to supply or correct.
 */
function MaterialTicker({ c, ticked, error }: { c: CaseDetail; ticked: string[]; error: string | null }) {
  // What the platform obtains by data sharing is never asked of the applicant (the server refuses it).
  const askable = c.guideMaterials.filter((m) => m.source !== 'sharing');
  const shared = c.guideMaterials.filter((m) => m.source === 'sharing');
  if (askable.length === 0) return <Alert type="info" showIcon title="该办件的办事指南没有列出需申请人提交的材料，不能要求补齐补正。" />;
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
      <legend style={{ fontSize: 14, marginBottom: 8, border: 0 }}>需补齐补正的材料（勾选办事指南所列材料，每项写明要求）</legend>
      {shared.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          由平台通过数据共享获取、不需申请人补正：{shared.map((m) => m.name).join('、')}
        </Typography.Paragraph>
      )}
      {askable.map((m) => {
        const present = c.materials.filter((x) => x.materialId === m.id);
        const status = present.length ? present.map((x) => materialStatus(x).text).join('、') : '未提交';
        return (
          <div key={m.id} style={{ marginBottom: 8 }}>
            <Form.Item name={['pick', m.id]} valuePropName="checked" noStyle>
              <Checkbox>
                {m.name}
                <Typography.Text type="secondary">
                  （{m.required ? '必要' : '非必要'} · {MATERIAL_SOURCE_NAMES[m.source] ?? m.source} · {status}）
                </Typography.Text>
              </Checkbox>
            </Form.Item>
            {ticked.includes(m.id) && (
              <Form.Item
                label={`“${m.name}”需补齐补正的内容`}
                name={['notes', m.id]}
                rules={req(`请写明“${m.name}”需要补齐或补正的内容`)}
                style={{ margin: '4px 0 0 24px' }}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder="如：缺少法定代表人签字；请提交原件" />
              </Form.Item>
            )}
          </div>
        );
      })}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </fieldset>
  );
}

/** The ids of the ticked materials, in the guide's order. */
function tickedOf(c: CaseDetail, pick: Record<string, boolean> | undefined): string[] {
  return c.guideMaterials.filter((m) => pick?.[m.id]).map((m) => m.id);
}

function Fields({ action, c, form, pickError }: { action: CaseAction; c: CaseDetail; form: ReturnType<typeof Form.useForm<Values>>[0]; pickError: string | null }) {
  const ticked = tickedOf(c, Form.useWatch('pick', form));
  const method = Form.useWatch('method', form);
  switch (action) {
    case 'accept':
      return <Typography.Paragraph>受理后将出具受理凭证，并从今天起计算承诺办结时限（{c.promised.days}{c.promised.unit === 'calendar-day' ? '日' : '个工作日'}）。</Typography.Paragraph>;
    case 'request-supplement':
    case 'accept-tolerant':
      return (
        <>
          <Typography.Paragraph>
            {action === 'request-supplement'
              ? '一次性告知申请人需要补齐补正的全部内容；申请人补齐后重新进入待受理。'
              : '现在受理，同时书面告知需要补正的内容和期限；期限内未补正的，平台将终止办理并告知申请人。'}
          </Typography.Paragraph>
          <MaterialTicker c={c} ticked={ticked} error={pickError} />
          <Form.Item label="补正期限" name="deadlineOn" rules={[{ required: true, message: '请选择补正期限' }]}>
            <Input type="date" min={todayInShanghai()} style={{ maxWidth: 200 }} />
          </Form.Item>
        </>
      );
    case 'refuse-acceptance':
      return (
        <>
          <Form.Item label="不予受理的理由" name="reasons" rules={req('请填写不予受理的理由')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Form.Item label="法律依据" name="legalBasis" rules={req('请填写法律依据')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
          <Form.Item label="联系方式" name="contact" rules={req('请填写联系人及电话')} extra="申请人有疑问时联系的人和电话">
            <Input maxLength={200} />
          </Form.Item>
        </>
      );
    case 'pause':
      return (
        <>
          <Form.Item label="暂停原因类别" name="kind" rules={[{ required: true, message: '请选择暂停原因类别' }]} extra="依法不计入办理时限的特殊环节">
            <Select options={Object.entries(PAUSE_KIND_NAMES).map(([value, label]) => ({ value, label }))} placeholder="请选择" style={{ maxWidth: 240 }} />
          </Form.Item>
          <Form.Item label="具体原因" name="reason" rules={req('请填写暂停计时的原因')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
          <Form.Item label="开始日期" name="startedOn" extra="不填则从今天开始">
            <Input type="date" style={{ maxWidth: 200 }} />
          </Form.Item>
        </>
      );
    case 'resume':
      return (
        <>
          <Typography.Paragraph>恢复计时后，暂停的天数不计入办理时限，办结期限相应顺延。</Typography.Paragraph>
          <Form.Item label="结束日期" name="endedOn" extra="不填则为今天">
            <Input type="date" style={{ maxWidth: 200 }} />
          </Form.Item>
        </>
      );
    case 'extend':
      return (
        <>
          <Form.Item label="延长天数" name="days" rules={[{ required: true, message: '请填写延长的天数' }]} extra={c.promised.unit === 'calendar-day' ? '日' : '工作日'}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="延长理由" name="reason" rules={req('请填写延长的理由')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        </>
      );
    case 'complete-review':
      return (
        <Form.Item label="审查意见" name="opinion" rules={req('请填写审查意见')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      );
    case 'grant':
      return (
        <>
          <Form.Item label="办理结果形式" name="resultForms" rules={[atLeastOne('请至少选择一种结果形式')]}>
            <Checkbox.Group role="group" aria-label="办理结果形式" options={Object.entries(RESULT_FORM_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="决定意见（可选）" name="opinion">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'refuse':
      return (
        <>
          <Form.Item label="不予许可的理由" name="reasons" rules={req('请填写不予的理由')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Form.Item label="法律依据（可选）" name="legalBasis">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
          <Form.Item label="联系人" name="contactPerson" rules={req('请填写联系人')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label="联系电话" name="contactPhone" rules={[...req('请填写联系电话'), { pattern: /^[0-9+\-() ]{5,30}$/, message: '请填写 5–30 位电话号码' }]}>
            <Input type="tel" maxLength={30} />
          </Form.Item>
        </>
      );
    case 'deliver':
      return (
        <>
          <Form.Item label="送达方式" name="method" rules={[{ required: true, message: '请选择送达方式' }]}>
            <Radio.Group role="radiogroup" aria-label="送达方式" options={Object.entries(DELIVERY_METHOD_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {method === 'mail' && (
            <>
              <Form.Item label="快递公司" name="carrier" rules={req('请填写快递公司')}>
                <Input maxLength={50} placeholder="如：中国邮政 EMS" />
              </Form.Item>
              <Form.Item label="运单号" name="trackingNumber" rules={[...req('请填写运单号'), { pattern: /^[A-Za-z0-9-]{4,40}$/, message: '运单号为 4–40 位字母、数字或 -' }]}>
                <Input maxLength={50} />
              </Form.Item>
            </>
          )}
        </>
      );
    case 'phone-follow-up':
      return (
        <Form.Item label="回访记录" name="note" rules={req('请填写回访记录')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} placeholder="回访对象、时间、申请人意见等" />
        </Form.Item>
      );
    default:
      return null;
  }
}

interface Props {
  c: CaseDetail;
  action: CaseAction | null;
  onClose: () => void;
  /** Someone else acted on the case first: the page reloads it and tells the clerk. */
  onConflict: (detail: string) => void;
  onDone: (label: string) => void;
}

export function ActionDialog({ c, action, onClose, onConflict, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const act = useCaseAction(c.id);
  const [problem, setProblem] = useState<{ detail: string; rest: string[] } | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const meta = ACTION_BUTTONS.find((b) => b.action === action);

  useEffect(() => {
    if (!action) return;
    setProblem(null);
    setPickError(null);
    act.reset();
    form.resetFields();
    if (action === 'grant') form.setFieldsValue({ resultForms: ['electronic'] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action]);

  const submit = async () => {
    if (!action) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // the fields say what is missing
    }
    const ticked = tickedOf(c, v.pick);
    const ticking = action === 'request-supplement' || action === 'accept-tolerant';
    setPickError(ticking && ticked.length === 0 ? '请至少勾选一项材料' : null);
    if (ticking && ticked.length === 0) return;
    setProblem(null);
    act.mutate(
      { action, version: c.version, body: bodyOf(action, v, ticked) },
      {
        onSuccess: () => {
          onDone(meta?.label ?? action);
          onClose();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409 && (e.code === 'case-changed' || e.code === 'case-wrong-state')) {
            onConflict(e.code === 'case-changed' ? '办件已被他人处理，页面已刷新为最新状态，请核对后再操作。' : `${e.detail}。页面已刷新为最新状态。`);
            onClose();
            return;
          }
          if (e instanceof ApiError) {
            const known = Object.keys(form.getFieldsValue() as object);
            const { fields, rest } = placeErrors(e, ticked, known);
            form.setFields(fields as never);
            setProblem({ detail: e.detail, rest });
          } else setProblem({ detail: describeError(e), rest: [] });
        },
      },
    );
  };

  return (
    <Modal
      title={meta ? <span style={{ display: 'block', paddingInlineEnd: 24, wordBreak: 'break-all' }}>{`${meta.label} · ${c.caseNumber}`}</span> : ''}
      open={!!action}
      onCancel={onClose}
      onOk={submit}
      okText={meta?.ok ?? '确定'}
      okButtonProps={{ danger: meta?.danger }}
      cancelText="取消"
      confirmLoading={act.isPending}
      destroyOnHidden
      width={640}
    >
      {action && (
        <Form form={form} layout="vertical" name={`case-${action}`} requiredMark>
          <Fields action={action} c={c} form={form} pickError={pickError} />
        </Form>
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem.detail}
          description={problem.rest.length ? problem.rest.join('；') : undefined}
        />
      )}
    </Modal>
  );
}
