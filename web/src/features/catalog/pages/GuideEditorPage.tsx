// 指南编辑: the whole guide (every element of Art. 9–11) in one form, with the live lint panel and
// the totals beside it (below it on a phone). Save keeps a draft; submit sends it to review and is
// refused while the linter reports errors.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Col, Form, Row, Space, Spin, Typography } from 'antd';
import { ApiError, describeError } from '../../../api/client';
import type { GuideVersion, ImplementationDetail, LintMessage } from '../../../api/types';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { hasPermission } from '../../../shared/permissions';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useMe } from '../../auth/hooks';
import { useGuideVersion, useImplementation, useSaveGuideVersion, useSubmitVersion } from '../hooks';
import { useLiveLint } from '../useLiveLint';
import { BasicSection } from '../components/guide-form/BasicSection';
import { MaterialsSection } from '../components/guide-form/MaterialsSection';
import { ProcessSection, SituationsSection } from '../components/guide-form/ProcessSection';
import { ServiceSection } from '../components/guide-form/ServiceSection';
import { toDraft, withDefaults, type FormValues } from '../components/guide-form/content';
import { toNamePath } from '../components/guide-form/fieldLabels';
import { LintPanel } from '../components/LintPanel';
import { TotalsCard } from '../components/TotalsCard';
import { SubmitModal, type SubmitValues } from '../components/SubmitModal';
import { EditorHeader } from '../components/EditorHeader';

const FORM_NAME = 'guide';

/** Scrolls to and focuses the form control of a dotted field path, or the nearest enclosing one. */
function focusPath(path: (string | number)[]): void {
  for (let n = path.length; n > 0; n--) {
    const id = [FORM_NAME, ...path.slice(0, n)].join('_');
    const el = document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${id}_"]`);
    if (!el) continue;
    const target = el.matches('input,textarea,button,select') ? el : (el.querySelector<HTMLElement>('input,textarea,button') ?? el);
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target.focus({ preventScroll: true });
    return;
  }
  const section = document.getElementById(`section-${path[0]}`);
  section?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  section?.focus({ preventScroll: true });
}

function GuideEditor({ version, impl }: { version: GuideVersion; impl: ImplementationDetail }) {
  const [form] = Form.useForm<FormValues>();
  const me = useMe().data;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const save = useSaveGuideVersion(version.id);
  const submit = useSubmitVersion(version.id);
  const [editingMaterial, setEditingMaterial] = useState<number | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [dirty, setDirty] = useState(false);
  const editable = (version.status === 'draft' || version.status === 'returned') && hasPermission(me?.roles, 'catalog.guide.write');

  const initialValues = useMemo(() => withDefaults(version.content, impl), [version.content, impl]);
  const getContent = useCallback(() => toDraft(form.getFieldsValue(true) as FormValues), [form]);
  const lint = useLiveLint(
    { messages: version.lint, totals: version.totals, checking: false, content: version.content },
    getContent,
    impl.item.id,
  );
  const errors = lint.messages.filter((m) => m.severity === 'error').length;

  // Closing or reloading the tab with unsaved edits asks first (the browser's own dialog).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const changed = () => {
    setDirty(true);
    lint.schedule();
  };

  const onLintField = (field: string) => {
    const path = toNamePath(field);
    if (path[0] === 'materials' && typeof path[1] === 'number') {
      setEditingMaterial(path[1]);
      setTimeout(() => focusPath(path), 350);
    } else {
      setEditingMaterial(null);
      focusPath(path);
    }
  };

  const showRefusal = (e: unknown) => {
    if (e instanceof ApiError && Array.isArray(e.body.lint)) lint.setMessages(e.body.lint as LintMessage[]);
    message.error(describeError(e));
  };

  const onSave = () =>
    save.mutate(
      { content: getContent() },
      {
        onSuccess: (v) => {
          setDirty(false);
          lint.setMessages(v.lint);
          message.success('草稿已保存');
        },
        onError: showRefusal,
      },
    );

  const onSubmit = async (v: SubmitValues) => {
    try {
      await save.mutateAsync({ content: getContent(), changeReason: v.changeReason });
      setDirty(false);
      await submit.mutateAsync({ changeReason: v.changeReason, effectiveFrom: v.effectiveFrom?.format('YYYY-MM-DD') });
      setSubmitting(false);
      message.success('已提交审核');
      navigate(`/catalog/implementations/${impl.id}`);
    } catch (e) {
      setSubmitting(false);
      showRefusal(e);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        编辑办事指南：{impl.item.name}
      </Typography.Title>
      <EditorHeader
        version={version}
        impl={impl}
        dirty={dirty}
        errors={errors}
        editable={editable}
        saving={save.isPending}
        checking={lint.checking}
        onSave={onSave}
        onSubmit={() => setSubmitting(true)}
      />
      <Row gutter={16}>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 15, order: 1 }}>
          <Form
            form={form}
            name={FORM_NAME}
            layout="vertical"
            initialValues={initialValues}
            onValuesChange={changed}
            disabled={!editable}
            aria-label="办事指南内容"
          >
            <BasicSection onChanged={changed} />
            <MaterialsSection form={form} editing={editingMaterial} setEditing={setEditingMaterial} onChanged={changed} readOnly={!editable} />
            <SituationsSection form={form} onChanged={changed} />
            <ProcessSection form={form} onChanged={changed} />
            <ServiceSection onChanged={changed} />
          </Form>
        </Col>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 9, order: 2 }}>
          <div style={{ position: 'sticky', top: 16, display: 'flex', flexDirection: 'column', gap: 16 }}>
            <TotalsCard totals={lint.totals} />
            <LintPanel messages={lint.messages} content={lint.content} checking={lint.checking} onFieldClick={onLintField} />
          </div>
        </Col>
      </Row>
      <SubmitModal
        open={submitting}
        onCancel={() => setSubmitting(false)}
        onSubmit={onSubmit}
        loading={save.isPending || submit.isPending}
        initialReason={version.changeReason}
      />
    </Space>
  );
}

export default function GuideEditorPage() {
  const { id } = useParams();
  const version = useGuideVersion(id);
  const impl = useImplementation(version.data?.implementationId);
  usePageTitle(impl.data ? `编辑指南 · ${impl.data.item.name}` : '编辑指南');
  if (version.error || impl.error) return <ErrorAlert error={version.error ?? impl.error} />;
  if (!version.data || !impl.data) return <Spin />;
  return <GuideEditor key={version.data.id} version={version.data} impl={impl.data} />;
}
