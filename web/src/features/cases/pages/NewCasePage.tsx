// 窗口收件: a clerk enters an application brought to the window — the item (an implementation of
// the clerk's organization with a guide in force), the situation (情形), the applicant, and for each
// material of that situation an uploaded scan (with progress) or 纸质已收 — except a material the
// platform obtains by data sharing, and one it holds as the applicant's e-licence, shown as already
// provided once the identity number is entered (Art. 10(四), Art. 20). The case is bound to the
// guide version in force now and lands in 待受理.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import { ApiError } from '../../../api/client';
import type { Material } from '../../../api/types';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { usePageTitle } from '../../../shared/usePageTitle';
import { HeldLicenceRow } from '../components/HeldLicenceRow';
import { MaterialRow, useReceived } from '../components/MaterialReceiver';
import { useApplicableImplementations, useCreateCase, useGuideInForce, useHeldLicences } from '../hooks';
import { UNIT_NAMES } from '../labels';
import { describeMaterialError } from '../materialProblems';
import { useConsultationHandoff } from '../../consultations/handoff';
import type { WindowApplication } from '../types';

interface Values {
  implementationId?: string;
  situationId?: string;
  applicant: { kind: 'person' | 'enterprise'; name?: string; idNumber?: string; creditCode?: string; phone?: string; email?: string };
  isRenewal?: boolean;
  renewal?: { licenceNumber?: string; expiresOn?: string };
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export default function NewCasePage() {
  usePageTitle('窗口收件');
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const implementations = useApplicableImplementations();
  const implementationId = Form.useWatch('implementationId', form);
  const situationId = Form.useWatch('situationId', form);
  const kind = Form.useWatch(['applicant', 'kind'], form) ?? 'person';
  const isRenewal = Form.useWatch('isRenewal', form);
  const idNumber = Form.useWatch(['applicant', 'idNumber'], form);
  const creditCode = Form.useWatch(['applicant', 'creditCode'], form);
  const guide = useGuideInForce(implementationId);
  const create = useCreateCase();
  const { received, upload, setPaper, reset, entries, uploading } = useReceived();
  const [problem, setProblem] = useState<string | null>(null);
  // 咨询转申请: ?consultation=…&implementationId=… preselects the item and links the case once created.
  const handoff = useConsultationHandoff();

  const content = guide.data?.content;
  const situations = content?.situations ?? [];
  const materials = useMemo((): Material[] => {
    const all = content?.materials ?? [];
    if (!situations.length) return all;
    const s = situations.find((x) => x.id === situationId);
    return s ? all.filter((m) => s.materialIds.includes(m.id)) : [];
  }, [content, situations, situationId]);

  // The applicant's e-licences the platform holds for these materials: asked once the identity is complete.
  const identity = (kind === 'enterprise' ? creditCode : idNumber)?.trim().toUpperCase();
  const identityComplete = !!identity && (kind === 'enterprise' ? CREDIT_CODE.test(identity) : ID_NUMBER.test(identity));
  const heldQuery = useHeldLicences(
    implementationId && content && (!situations.length || situationId) && identityComplete ? { implementationId, situationId: situations.length ? situationId : undefined, kind, identity } : null,
  );
  const held = useMemo(() => new Map((heldQuery.data?.items ?? []).map((i) => [i.materialId, i.licence])), [heldQuery.data]);

  const submit = async (v: Values) => {
    if (missingRequired.length) {
      setProblem(`请先收取必要材料：${missingRequired.map((m) => m.name).join('、')}（上传或勾选“纸质已收”）`);
      return;
    }
    setProblem(null);
    const a = v.applicant;
    const body: WindowApplication = {
      implementationId: v.implementationId!,
      ...(v.situationId ? { situationId: v.situationId } : {}),
      applicant: {
        kind: a.kind,
        name: a.name!.trim(),
        ...(a.kind === 'enterprise' ? { creditCode: a.creditCode?.trim() } : { idNumber: a.idNumber?.trim() }),
        ...(a.phone?.trim() ? { phone: a.phone.trim() } : {}),
        ...(a.email?.trim() ? { email: a.email.trim() } : {}),
      },
      // Neither a held licence (even if ticked before the identity was entered) nor a material the
      // platform obtains by data sharing is sent: the server adds both itself and refuses them if given.
      materials: entries(materials.filter((m) => m.source !== 'sharing' && !held.has(m.id)).map((m) => m.id)),
      ...(v.isRenewal && v.renewal?.licenceNumber && v.renewal.expiresOn ? { renewal: { licenceNumber: v.renewal.licenceNumber.trim(), expiresOn: v.renewal.expiresOn } } : {}),
    };
    create.mutate(body, {
      onSuccess: (c) => {
        message.success(`已收件，办件编号 ${c.caseNumber}`);
        void handoff.afterCreate(c);
        navigate(`/cases/${c.id}`);
      },
      onError: (e) => {
        if (e instanceof ApiError) {
          const fields = e.invalidParams
            .map((p) => ({ path: p.name.replace(/^body\.?/, '').split('.'), reason: p.reason }))
            .filter((p) => ['implementationId', 'situationId', 'applicant', 'renewal'].includes(p.path[0]) && (p.path[0] === 'implementationId' || p.path[0] === 'situationId' || p.path.length === 2))
            .map((p) => ({ name: p.path, errors: [p.reason] }));
          form.setFields(fields as never);
        }
        setProblem(describeMaterialError(e, body.materials, new Map(materials.map((m) => [m.id, m.name]))));
      },
    });
  };

  // Materials the platform obtains by data sharing (数据共享获取) are never asked of the applicant.
  // Nor is a licence the platform holds for the applicant.
  const missingRequired = materials.filter((m) => m.required && m.source !== 'sharing' && !held.has(m.id) && !received[m.id]?.file && !received[m.id]?.paper);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Link to="/cases">← 我的待办</Link>
        <Typography.Title level={1} style={{ fontSize: 22, margin: '4px 0 0' }}>
          窗口收件
        </Typography.Title>
      </div>
      {handoff.notice}
      <Form form={form} layout="vertical" name="window-application" requiredMark initialValues={{ applicant: { kind: 'person' }, implementationId: handoff.implementationId }} onFinish={submit} scrollToFirstError>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>办理事项</h2>}>
            <ErrorAlert error={implementations.error} />
            <Form.Item label="事项（本机构实施、办事指南现行有效）" name="implementationId" rules={[{ required: true, message: '请选择办理事项' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="输入事项名称搜索"
                loading={implementations.isPending}
                options={(implementations.data ?? []).map((i) => ({ value: i.id, label: `${i.item.name}（${i.org.name}）` }))}
                onChange={() => {
                  form.setFieldValue('situationId', undefined);
                  reset();
                }}
                notFoundContent="没有可收件的事项"
              />
            </Form.Item>
            {implementationId && guide.isPending && <Spin />}
            <ErrorAlert error={guide.error} />
            {content && guide.data && (
              <>
                <Typography.Paragraph>
                  办事指南第 {guide.data.versionNo} 版{guide.data.effectiveFrom ? `（${guide.data.effectiveFrom} 起施行）` : ''}{content.promisedLimit ? `；承诺办结时限 ${content.promisedLimit.days}${UNIT_NAMES[content.promisedLimit.unit] ?? content.promisedLimit.unit}` : ''}。
                </Typography.Paragraph>
                {situations.length > 0 && (
                  <Form.Item label="办理情形" name="situationId" rules={[{ required: true, message: '请选择办理情形' }]}>
                    <Radio.Group role="radiogroup" aria-label="办理情形" options={situations.map((s) => ({ value: s.id, label: s.name }))} onChange={reset} />
                  </Form.Item>
                )}
                <Form.Item name="isRenewal" valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox>延续申请（原证照到期前申请延续）</Checkbox>
                </Form.Item>
                {isRenewal && (
                  <Space wrap>
                    <Form.Item label="原证照编号" name={['renewal', 'licenceNumber']} rules={[{ required: true, whitespace: true, message: '请填写原证照编号' }]}>
                      <Input maxLength={64} />
                    </Form.Item>
                    <Form.Item label="原证照有效期至" name={['renewal', 'expiresOn']} rules={[{ required: true, message: '请填写有效期' }]}>
                      <Input type="date" />
                    </Form.Item>
                  </Space>
                )}
              </>
            )}
          </Card>

          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>申请人</h2>}>
            <Form.Item label="申请人类型" name={['applicant', 'kind']}>
              <Radio.Group
                role="radiogroup"
                aria-label="申请人类型"
                options={[
                  { value: 'person', label: '自然人' },
                  { value: 'enterprise', label: '法人或其他组织' },
                ]}
              />
            </Form.Item>
            <Form.Item label={kind === 'enterprise' ? '单位名称' : '姓名'} name={['applicant', 'name']} rules={[{ required: true, whitespace: true, message: kind === 'enterprise' ? '请填写单位名称' : '请填写姓名' }]}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
            {kind === 'enterprise' ? (
              <Form.Item label="统一社会信用代码" name={['applicant', 'creditCode']} rules={[{ required: true, message: '请填写统一社会信用代码' }, { pattern: CREDIT_CODE, message: '统一社会信用代码为 18 位，请核对' }]}>
                <Input maxLength={18} autoComplete="off" style={{ maxWidth: 280 }} />
              </Form.Item>
            ) : (
              <Form.Item label="身份证号码" name={['applicant', 'idNumber']} rules={[{ required: true, message: '请填写身份证号码' }, { pattern: ID_NUMBER, message: '身份证号码为 18 位，请核对' }]}>
                <Input maxLength={18} autoComplete="off" style={{ maxWidth: 280 }} />
              </Form.Item>
            )}
            <Form.Item label="手机号码" name={['applicant', 'phone']} rules={[{ pattern: /^1\d{10}$/, message: '请填写 11 位手机号码' }]} extra="用于短信告知办理进度">
              <Input type="tel" maxLength={11} autoComplete="off" style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item label="电子邮箱" name={['applicant', 'email']} rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
              <Input type="email" maxLength={200} autoComplete="off" style={{ maxWidth: 320 }} />
            </Form.Item>
          </Card>

          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>申请材料</h2>}>
            {!content ? (
              <Typography.Text>请先选择办理事项。</Typography.Text>
            ) : situations.length > 0 && !situationId ? (
              <Typography.Text>请先选择办理情形，将列出该情形需要的材料。</Typography.Text>
            ) : (
              <>
                {!identityComplete && materials.some((m) => m.licenceTypeCode) && (
                  <Typography.Paragraph type="secondary">填写申请人证件号码后，平台已持有的电子证照将自动调取，无需收取。</Typography.Paragraph>
                )}
                <ErrorAlert error={heldQuery.error} />
                <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="材料清单">
                  {materials.map((m) => {
                    const licence = held.get(m.id);
                    if (licence) return <HeldLicenceRow key={m.id} name={m.name} required={m.required} licence={licence} />;
                    return (
                      <MaterialRow
                        key={m.id}
                        materialId={m.id}
                        name={m.name}
                        required={m.required}
                        source={m.source}
                        hint={m.source === 'sharing' ? '由平台通过数据共享获取，申请人无需提交' : undefined}
                        received={received[m.id] ?? {}}
                        onUpload={(f) => upload(m.id, f)}
                        onPaper={(paper) => setPaper(m.id, paper)}
                      />
                    );
                  })}
                </ul>
                {missingRequired.length > 0 && (
                  <Typography.Paragraph style={{ marginTop: 8 }}>
                    尚未收到的必要材料：{missingRequired.map((m) => m.name).join('、')}。必要材料收齐后才能提交。
                  </Typography.Paragraph>
                )}
              </>
            )}
          </Card>

          {problem && <Alert type="error" showIcon role="alert" title="收件未成功" description={problem} />}
          <Button type="primary" htmlType="submit" loading={create.isPending} disabled={uploading}>
            提交申请
          </Button>
        </Space>
      </Form>
    </Space>
  );
}
