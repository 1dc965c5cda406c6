import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { describeError } from '../../../api/client';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useLogin } from '../hooks';

export default function LoginPage() {
  usePageTitle('登录');
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const from = (location.state as { from?: string } | null)?.from ?? '/catalog';

  const onFinish = (values: { username: string; password: string }) =>
    login.mutate(values, {
      onSuccess: () => navigate(from, { replace: true }),
      onError: (e) => message.error(describeError(e)),
    });

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f0f2f5' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>
          通办 · 管理后台
        </Typography.Title>
        <Typography.Paragraph style={{ textAlign: 'center' }}>兴安盟政务服务标准化管理平台 工作人员登录</Typography.Paragraph>
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} name="login">
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
