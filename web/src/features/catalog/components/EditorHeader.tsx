// The editor's bar: where the guide belongs, its state, the way to the lint results, save and
// submit (disabled while the linter reports errors, with the reason said in words).
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Space } from 'antd';
import type { GuideVersion, ImplementationDetail } from '../../../api/types';
import { StatusTag } from '../pages/ImplementationPage';

interface Props {
  version: GuideVersion;
  impl: ImplementationDetail;
  dirty: boolean;
  errors: number;
  editable: boolean;
  saving: boolean;
  checking: boolean;
  onSave: () => void;
  onSubmit: () => void;
}

function goToLintPanel() {
  const panel = document.getElementById('lint-panel');
  panel?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  panel?.focus({ preventScroll: true });
}

export function EditorHeader({ version, impl, dirty, errors, editable, saving, checking, onSave, onSubmit }: Props) {
  return (
    <>
      <Card size="small">
        <Space wrap>
          <Link to={`/catalog/implementations/${impl.id}`}>{impl.org.name}</Link>
          <span>第 {version.versionNo} 版</span>
          <StatusTag status={version.status} />
          {dirty && <span>有未保存的修改</span>}
          <Button type="link" onClick={goToLintPanel}>
            检查结果：{errors} 个错误
          </Button>
          {editable && (
            <>
              <Button onClick={onSave} loading={saving}>
                保存草稿
              </Button>
              <Button type="primary" onClick={onSubmit} disabled={errors > 0 || checking}>
                提交审核
              </Button>
            </>
          )}
        </Space>
      </Card>
      {!editable && <Alert type="info" showIcon title="此版本当前不可编辑（已提交、已发布或无编辑权限）。" />}
      {version.status === 'returned' && version.reviewComment && (
        <Alert type="warning" showIcon title="审核退回意见" description={version.reviewComment} />
      )}
      {editable && errors > 0 && (
        <Alert type="error" showIcon title={`指南检查发现 ${errors} 个错误，修正后才能提交审核。`} data-testid="submit-blocked" />
      )}
    </>
  );
}
