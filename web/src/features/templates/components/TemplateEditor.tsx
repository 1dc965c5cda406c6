// 编辑模板 → a new version. The title (e-mail subject, portal title; an SMS has none) and the text,
// with the placeholders this template may use as buttons that insert {{name}} where the cursor was;
// a preview rendered by the server as the text is typed, with sample values the administrator may
// change; the server's reasons for refusing a draft (422) appear on the fields they name.
import { useEffect, useMemo, useRef, type FocusEvent } from 'react';
import { Alert, App, Card, Col, Collapse, Form, Input, Modal, Row, Space, Spin, Button, Typography } from 'antd';
import { ApiError, describeError } from '../../../api/client';
import { useDebounced } from '../../../shared/useDebounced';
import { usePreview, useSaveTemplate, type MessageTemplate, type PreviewRequest } from '../hooks';
import { channelTitle } from './labels';

interface Values {
  subject?: string;
  body: string;
  note?: string;
  params?: Record<string, string | undefined>;
}

type TextField = 'subject' | 'body';

/** Where the next placeholder goes: the field last left, at its cursor. */
interface Caret {
  field: TextField;
  el: HTMLInputElement | HTMLTextAreaElement | null;
  start: number;
  end: number;
}

const FORM_NAME = 'template-editor';
const SMS_MAX = 300;

/** The form field an invalidParam names: body.subject → subject, body.params.x → ['params', 'x']. */
function fieldOf(name: string): (string | number)[] | null {
  const path = name.replace(/^body\./, '').split('.');
  if (path[0] === 'subject' || path[0] === 'body' || path[0] === 'note') return [path[0]];
  if (path[0] === 'params' && path[1]) return ['params', path[1]];
  return null;
}

/** Server reasons grouped per field; true when at least one found a field. */
function showOnFields(form: ReturnType<typeof Form.useForm<Values>>[0], error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const p of error.invalidParams) {
    const name = fieldOf(p.name);
    if (!name) continue;
    const k = name.join('.');
    byField.set(k, { name, errors: [...(byField.get(k)?.errors ?? []), p.reason] });
  }
  form.setFields([...byField.values()] as never);
  return byField.size > 0;
}

interface Props {
  /** The template to edit, as in use now. */
  template: MessageTemplate | null;
  /** An older version whose text to start from (版本历史 → 以此版本为底稿); default the version in use. */
  startFrom?: MessageTemplate | null;
  onClose: () => void;
}

export function TemplateEditor({ template, startFrom, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = useSaveTemplate();
  const caret = useRef<Caret | null>(null);
  const sms = template?.channel === 'sms';

  useEffect(() => {
    if (!template) return;
    caret.current = null;
    form.resetFields();
    const from = startFrom ?? template;
    form.setFieldsValue({ subject: from.subject, body: from.body, note: '' });
  }, [template, startFrom, form]);

  const subject = Form.useWatch('subject', form);
  const body = Form.useWatch('body', form);
  const params = Form.useWatch('params', form);

  // What the server is asked to render, once typing pauses.
  const request = useMemo((): PreviewRequest | null => {
    if (!template || body === undefined) return null;
    const given = Object.fromEntries(Object.entries(params ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
    return { key: template.key, channel: template.channel, ...(sms ? {} : { subject: subject ?? '' }), body: body ?? '', params: given };
  }, [template, sms, subject, body, params]);
  const preview = usePreview(useDebounced(request, 350));

  // A draft the server refuses: its reasons on the fields (the next keystroke re-validates them).
  useEffect(() => {
    if (preview.error) showOnFields(form, preview.error);
  }, [preview.error, form]);
  // …and once the server renders the draft, reasons it gave earlier no longer hold.
  useEffect(() => {
    if (!preview.isSuccess || preview.isPlaceholderData) return;
    const stale = (['subject', 'body'] as const).filter((f) => form.getFieldError(f).length > 0);
    if (stale.length) form.setFields(stale.map((name) => ({ name, errors: [] })));
  }, [preview.data, preview.isSuccess, preview.isPlaceholderData, form]);

  const remember = (field: TextField) => (e: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const el = e.target;
    caret.current = { field, el, start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length };
  };

  const insert = (name: string) => {
    const current = form.getFieldValue('body') ?? '';
    const at: Caret = caret.current ?? { field: 'body', el: null, start: current.length, end: current.length };
    const value: string = form.getFieldValue(at.field) ?? '';
    const token = `{{${name}}}`;
    const start = Math.min(at.start, value.length);
    const end = Math.min(Math.max(at.end, start), value.length);
    form.setFieldValue(at.field, value.slice(0, start) + token + value.slice(end));
    void form.validateFields([at.field]).catch(() => undefined);
    const pos = start + token.length;
    caret.current = { ...at, start: pos, end: pos };
    // Back to the text, the cursor after the placeholder: typing goes on where it was.
    requestAnimationFrame(() => {
      const el = at.el ?? (document.getElementById(`${FORM_NAME}_${at.field}`) as HTMLTextAreaElement | null);
      el?.focus();
      el?.setSelectionRange(pos, pos);
    });
  };

  const onOk = async () => {
    if (!template) return;
    const v = await form.validateFields();
    save.mutate(
      { key: template.key, channel: template.channel, body: { ...(sms ? {} : { subject: v.subject ?? '' }), body: v.body, note: v.note?.trim() || null } },
      {
        onSuccess: (saved) => {
          message.success(`已保存为第 ${saved.version} 版，此后发出的消息使用新版本`);
          onClose();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409) message.error(describeError(e));
          else if (!showOnFields(form, e)) message.error(describeError(e));
        },
      },
    );
  };

  const title = template ? `编辑模板：${template.name} · ${channelTitle(template.channel)}` : '';
  const shown = preview.data;

  return (
    <Modal title={title} open={!!template} onCancel={onClose} onOk={onOk} okText="保存为新版本" confirmLoading={save.isPending} width={1000} destroyOnHidden>
      {template && (
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={13}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              现行第 {template.version} 版{template.version === 0 ? '（系统内置）' : ''}
              {startFrom && startFrom.version !== template.version ? `，此处以第 ${startFrom.version} 版为底稿` : ''}。保存后产生第 {template.version + 1} 版，此后发出的消息使用新版本；已发出的消息保持原版本。
            </Typography.Paragraph>
            <Form form={form} layout="vertical" name={FORM_NAME} requiredMark>
              {!sms && (
                <Form.Item label={template.channel === 'email' ? '邮件标题' : '消息标题'} name="subject" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
                  <Input maxLength={200} onBlur={remember('subject')} />
                </Form.Item>
              )}
              <Form.Item label={sms ? '短信内容' : '正文'} name="body" rules={[{ required: true, whitespace: true, message: '请填写正文' }]} extra={sms ? `短信不超过 ${SMS_MAX} 字，不设标题` : undefined}>
                <Input.TextArea autoSize={{ minRows: sms ? 3 : 8, maxRows: 20 }} maxLength={sms ? SMS_MAX : 4000} showCount={sms} onBlur={remember('body')} />
              </Form.Item>
              <div role="group" aria-labelledby="template-placeholders-label" style={{ marginBottom: 16 }}>
                <Typography.Text id="template-placeholders-label">插入占位符（插入到光标所在位置）：</Typography.Text>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 6 }}>
                  {template.params.map((p) => (
                    <Button
                      key={p.name}
                      size="small"
                      onClick={() => insert(p.name)}
                      title={`插入 {{${p.name}}}`}
                      // Long names wrap inside the button rather than push the dialog wider than a phone.
                      style={{ whiteSpace: 'normal', height: 'auto', maxWidth: '100%', textAlign: 'start', overflowWrap: 'anywhere' }}
                    >
                      {p.label}
                      <code style={{ marginInlineStart: 4 }}>{`{{${p.name}}}`}</code>
                    </Button>
                  ))}
                </div>
              </div>
              <Form.Item label="修改说明" name="note" extra="可选：改了什么、为什么，记入版本历史">
                <Input maxLength={200} />
              </Form.Item>
              <Collapse
                size="small"
                items={[
                  {
                    key: 'samples',
                    label: '预览用的示例值（可改）',
                    children: template.params.map((p) => (
                      <Form.Item key={p.name} label={`${p.label}（${p.name}）`} name={['params', p.name]} style={{ marginBottom: 8 }}>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder={shown?.params[p.name] ?? ''} />
                      </Form.Item>
                    )),
                  },
                ]}
              />
            </Form>
          </Col>
          <Col xs={24} lg={11}>
            <Card
              size="small"
              role="region"
              aria-labelledby="template-preview-title"
              title={
                <h3 id="template-preview-title" style={{ fontSize: 15, margin: 0 }}>
                  预览（{channelTitle(template.channel)}，示例值）
                </h3>
              }
              extra={preview.isFetching ? <Spin size="small" aria-label="正在生成预览" /> : null}
            >
              {preview.error ? (
                <Alert type="error" showIcon title="模板有误，无法预览" description={describeError(preview.error)} />
              ) : !shown ? (
                <Typography.Text>{body?.trim() ? '正在生成预览…' : '填写正文后显示预览'}</Typography.Text>
              ) : (
                <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="template-preview">
                  {!sms && (
                    <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                      {shown.subject}
                    </Typography.Text>
                  )}
                  <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{shown.body}</div>
                  {sms && <Typography.Text type="secondary">共 {shown.body.length} 字</Typography.Text>}
                </Space>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </Modal>
  );
}
