// 用户管理: staff accounts in the administrator's scope — bound to an organization and, where one is
// assigned, a window — with their roles; create, edit, deactivate, reset a password.
import { useMemo, useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { StatusTag } from '../../../shared/StatusTag';
import { OneTimeSecret } from '../../../shared/OneTimeSecret';
import { OrgTreeSelect } from '../../../shared/OrgTreeSelect';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useMe } from '../../auth/hooks';
import { UserFormModal } from '../components/UserFormModal';
import { usePatchUser, useResetPassword, useUsers, type StaffUser, type UserFilter } from '../hooks';

const STATUS = [
  { value: 'true', label: '在用' },
  { value: 'false', label: '已停用' },
];

export default function UsersPage() {
  usePageTitle('用户管理');
  const me = useMe().data!;
  const { message, modal } = App.useApp();
  const [filter, setFilter] = useState<UserFilter>({ active: true });
  const [editing, setEditing] = useState<StaffUser | 'new' | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const users = useUsers(filter);
  const patch = usePatchUser();
  const reset = useResetPassword();
  const rows = useMemo(() => users.data?.pages.flatMap((p) => p.items) ?? [], [users.data]);
  const grantable = users.data?.pages[0]?.grantableRoles ?? [];

  const setActive = (u: StaffUser, active: boolean) =>
    modal.confirm({
      title: active ? `启用 ${u.displayName}（${u.username}）？` : `停用 ${u.displayName}（${u.username}）？`,
      content: active ? '启用后可以重新登录。' : '停用后立即退出所有设备，且不能再登录；记录保留，可随时重新启用。',
      okText: active ? '启用' : '停用',
      okButtonProps: { danger: !active },
      onOk: () =>
        patch.mutateAsync({ id: u.id, body: { active } }).then(
          () => message.success(active ? '已启用' : '已停用'),
          (e) => message.error(describeError(e)),
        ),
    });

  const resetPassword = (u: StaffUser) =>
    modal.confirm({
      title: `重置 ${u.displayName}（${u.username}）的密码？`,
      content: '系统将生成一次性初始密码，原密码立即失效，该用户所有设备退出登录。',
      okText: '重置',
      onOk: () =>
        reset.mutateAsync(u.id).then(
          (res) => res.initialPassword && setSecret({ username: u.username, password: res.initialPassword }),
          (e) => message.error(describeError(e)),
        ),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        用户管理
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Input.Search aria-label="按登录名或姓名搜索" placeholder="登录名或姓名" allowClear onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined }))} style={{ width: 200 }} />
          <OrgTreeSelect me={me} aria-label="按机构筛选（含下级）" placeholder="全部机构" allowClear value={filter.orgId} onChange={(orgId) => setFilter((f) => ({ ...f, orgId }))} style={{ width: 240 }} />
          <Select
            aria-label="按角色筛选"
            placeholder="全部角色"
            allowClear
            value={filter.role}
            onChange={(role) => setFilter((f) => ({ ...f, role }))}
            options={grantable.map((g) => ({ value: g.role, label: g.name }))}
            style={{ width: 160 }}
          />
          <Select
            aria-label="按状态筛选"
            placeholder="全部状态"
            allowClear
            value={filter.active === undefined ? undefined : String(filter.active)}
            onChange={(v?: string) => setFilter((f) => ({ ...f, active: v === undefined ? undefined : v === 'true' }))}
            options={STATUS}
            style={{ width: 120 }}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增用户
          </Button>
        </Space>
      </Card>
      <ErrorAlert error={users.error} />
      {secret && <OneTimeSecret label={`${secret.username} 的新初始密码`} value={secret.password} note="请当面或通过安全渠道交给本人；首次登录后须修改。离开本页后无法再次查看。" />}
      <Table<StaffUser>
        rowKey="id"
        size="small"
        loading={users.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{ emptyText: '没有符合条件的用户' }}
        columns={[
          { title: '登录名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '所属机构', dataIndex: 'orgName' },
          { title: '窗口', dataIndex: 'windowCode', render: (w: string | null) => w ?? '—' },
          { title: '角色', dataIndex: 'roleNames', render: (names: string[]) => names.map((n) => <Tag key={n}>{n}</Tag>) },
          {
            title: '状态',
            dataIndex: 'active',
            render: (active: boolean, u) => (
              <Space size={4} wrap>
                {active ? <StatusTag tone="ok">在用</StatusTag> : <StatusTag tone="off">已停用</StatusTag>}
                {u.mustChangePassword && <StatusTag tone="warn">待改初始密码</StatusTag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, u) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(u)} aria-label={`编辑 ${u.username}`}>
                  编辑
                </Button>
                <Button type="link" size="small" onClick={() => resetPassword(u)} aria-label={`重置 ${u.username} 的密码`}>
                  重置密码
                </Button>
                {u.id !== me.userId && (
                  <Button type="link" size="small" danger={u.active} onClick={() => setActive(u, !u.active)} aria-label={`${u.active ? '停用' : '启用'} ${u.username}`}>
                    {u.active ? '停用' : '启用'}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {users.hasNextPage && (
        <Button onClick={() => users.fetchNextPage()} loading={users.isFetchingNextPage} style={{ alignSelf: 'center' }}>
          加载更多
        </Button>
      )}
      <UserFormModal
        open={editing !== null}
        onClose={() => setEditing(null)}
        me={me}
        grantable={grantable}
        user={editing && editing !== 'new' ? editing : undefined}
      />
    </Space>
  );
}
