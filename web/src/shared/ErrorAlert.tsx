import { Alert } from 'antd';
import { describeError } from '../api/client';

/** A failed load, said in words on the page (not only in a passing toast). */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert type="error" showIcon title="加载失败" description={describeError(error)} role="alert" />;
}
