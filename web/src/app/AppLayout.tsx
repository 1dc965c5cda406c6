import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { Button, Drawer, Grid, Layout, Menu, Space, Spin, Typography, type MenuProps } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useMe } from '../features/auth/hooks';
import { CalendarReminder } from '../features/calendar/components/CalendarReminder';
import { hasPermission, type Permission } from '../shared/permissions';

interface Entry {
  path: string;
  label: string;
  permission: Permission;
}

// The menu by role: each entry shows only to those whose roles grant its permission.
const ENTRIES: Entry[] = [
  { path: '/cases', label: '我的待办', permission: 'case.read' },
  { path: '/cases/new', label: '窗口收件', permission: 'case.accept' },
  { path: '/consultations', label: '咨询登记', permission: 'case.read' },
  { path: '/cases/overdue', label: '超期监控', permission: 'case.supervise' },
  { path: '/licences', label: '电子证照', permission: 'licences.manage' },
  { path: '/catalog', label: '事项目录', permission: 'catalog.read' },
  { path: '/review', label: '指南审核', permission: 'catalog.guide.review' },
  { path: '/consistency', label: '一致性检查', permission: 'catalog.read' },
  { path: '/simplification', label: '减负统计', permission: 'catalog.read' },
  { path: '/import', label: '导入导出', permission: 'catalog.import' },
  { path: '/synonyms', label: '搜索同义词', permission: 'catalog.item.write' },
  { path: '/audit', label: '审计日志', permission: 'audit.read' },
  { path: '/users', label: '用户管理', permission: 'users.manage' },
  { path: '/machine-clients', label: '接入系统', permission: 'clients.manage' },
  { path: '/templates', label: '消息模板', permission: 'templates.manage' },
  { path: '/calendar', label: '工作日历', permission: 'calendar.write' },
];

function NavMenu({ roles, onNavigate }: { roles: string[]; onNavigate?: () => void }) {
  const location = useLocation();
  const items: MenuProps['items'] = ENTRIES.filter((e) => hasPermission(roles, e.permission)).map((e) => ({
    key: e.path,
    label: (
      <Link to={e.path} onClick={onNavigate}>
        {e.label}
      </Link>
    ),
  }));
  // The longest matching entry: /cases/new is 窗口收件, not 我的待办.
  const selected = [...ENTRIES].sort((a, b) => b.path.length - a.path.length).find((e) => location.pathname.startsWith(e.path))?.path ?? '/catalog';
  return (
    <nav aria-label="主菜单">
      <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 0 }} />
    </nav>
  );
}

export function AppLayout() {
  const me = useMe().data!;
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = !!screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 12, padding: wide ? '0 24px' : '0 12px', background: '#001529', color: '#fff' }}
      >
        {!wide && (
          <Button
            type="text"
            aria-label="打开菜单"
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
            style={{ color: '#fff' }}
          />
        )}
        <Link to="/" style={{ color: '#fff', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>
          通办 · 管理后台
        </Link>
        <Space style={{ marginInlineStart: 'auto' }} size="small">
          {wide && (
            <Typography.Text style={{ color: '#fff' }}>
              {me.displayName}（{me.orgName} · {me.roleNames.join('、')}）
            </Typography.Text>
          )}
          <Button
            size="small"
            // Single sign-out (单点退出): the server ends this session and the identity provider's.
            onClick={() => window.location.assign(`/auth/logout?returnTo=${encodeURIComponent('/admin/login')}`)}
          >
            退出登录
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {wide ? (
          <Layout.Sider width={200} theme="light">
            <NavMenu roles={me.roles} />
          </Layout.Sider>
        ) : (
          <Drawer title="菜单" placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={240}>
            <Typography.Paragraph>
              {me.displayName}（{me.orgName}）
            </Typography.Paragraph>
            <NavMenu roles={me.roles} onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Layout.Content style={{ padding: wide ? 24 : 12, minWidth: 0 }}>
          {hasPermission(me.roles, 'calendar.write') && !location.pathname.startsWith('/calendar') && (
            <div style={{ marginBottom: 16 }}>
              <CalendarReminder where="every-page" />
            </div>
          )}
          <Suspense fallback={<Spin tip="加载中…" />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
