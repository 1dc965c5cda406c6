import { Link } from 'react-router-dom';
import { Result } from 'antd';
import { usePageTitle } from '../shared/usePageTitle';

export function NotFoundPage() {
  usePageTitle('页面不存在');
  return <Result status="404" title={<h1 style={{ fontSize: 22 }}>页面不存在</h1>} extra={<Link to="/catalog">返回事项目录</Link>} />;
}
