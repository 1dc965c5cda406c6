import { Button, Card, Typography } from 'antd';
import { useLocation } from 'react-router-dom';
import { usePageTitle } from '../../../shared/usePageTitle';

/**
 * Staff sign in through the platform's identity provider (统一身份认证): the server runs the
 * OpenID Connect flow (/auth/login → sign-in page, with the second factor when enabled → /auth/callback)
 * and returns here signed in. This page only sends the browser there, remembering where it was going.
 */
export function signInHref(from: string): string {
  // '/' opens the person's home page (HomeRedirect) once signed in.
  const target = from.startsWith('/') && !from.startsWith('//') ? from : '/';
  return `/auth/login?returnTo=${encodeURIComponent(`/admin${target}`)}`;
}

export default function LoginPage() {
  usePageTitle('登录');
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f0f2f5' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>
          通办 · 管理后台
        </Typography.Title>
        <Typography.Paragraph style={{ textAlign: 'center' }}>兴安盟政务服务标准化管理平台 工作人员登录</Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          使用统一身份认证账号登录：输入用户名和密码；已开启双因素认证的账号还需输入身份验证器中的动态验证码。
        </Typography.Paragraph>
        <Button type="primary" block size="large" href={signInHref(from)}>
          使用统一身份认证登录
        </Button>
      </Card>
    </main>
  );
}
