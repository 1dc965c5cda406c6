// 接入系统: department systems (部门业务系统) calling the platform with OAuth2 client credentials —
// register (secret shown once), rotate the secret, disable.
import { useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { StatusTag } from '../../../shared/StatusTag';
import { formatDateTime } from '../../../shared/time';
import { OneTimeSecret } from '../../../shared/OneTimeSecret';
import { OrgTreeSelect } from '../../../shared/OrgTreeSelect';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useMe } from '../../auth/hooks';
import { CreateClientModal, SCOPE_NAMES } from '../components/CreateClientModal';
import { useDisableClient, useMachineClients, useRotateSecret, type MachineClient } from '../hooks';

export default function ClientsPage() {
  usePageTitle('接入系统');
  const me = useMe().data!;
  const { message, modal } = App.useApp();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; clientSecret: string } | null>(null);
  const clients = useMachineClients(orgId);
  const rotate = useRotateSecret();
  const disable = useDisableClient();

  const onRotate = (c: MachineClient) =>
    modal.confirm({
      title: `更换“${c.name}”的密钥？`,
      content: '旧密钥和用它取得的访问令牌立即失效，对接系统须换用新密钥。',
      okText: '更换密钥',
      onOk: () =>
        rotate.mutateAsync(c.clientId).then(
          (res) => setSecret({ name: c.name, clientSecret: res.clientSecret }),
          (e) => message.error(describeError(e)),
        ),
    });

  const onDisable = (c: MachineClient) =>
    modal.confirm({
      title: `停用“${c.name}”？`,
      content: '停用后该系统的访问令牌立即失效，也不能再取得新令牌。',
      okText: '停用',
      okButtonProps: { danger: true },
      onOk: () =>
        disable.mutateAsync(c.clientId).then(
          () => message.success('已停用'),
          (e) => message.error(describeError(e)),
        ),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        接入系统
      </Typography.Title>
      <Typography.Paragraph>部门业务系统以 OAuth2 客户端凭证（client credentials）调用本平台，只能在所属机构及其下级范围内、按授权范围办理。</Typography.Paragraph>
      <Card size="small">
        <Space wrap>
          <OrgTreeSelect me={me} aria-label="按机构筛选" placeholder="全部机构" allowClear value={orgId} onChange={setOrgId} style={{ width: 240 }} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记接入系统
          </Button>
        </Space>
      </Card>
      <ErrorAlert error={clients.error} />
      {secret && <OneTimeSecret label={`“${secret.name}”的新密钥`} value={secret.clientSecret} note="请交由对接系统的管理员妥善保存。离开本页后无法再次查看。" />}
      <Table<MachineClient>
        rowKey="clientId"
        size="small"
        loading={clients.isPending}
        dataSource={clients.data?.items ?? []}
        scroll={{ x: 760 }}
        locale={{ emptyText: '还没有登记接入系统' }}
        columns={[
          { title: '系统名称', dataIndex: 'name' },
          { title: '客户端标识', dataIndex: 'clientId', render: (id: string) => <code>{id}</code> },
          { title: '所属机构', dataIndex: 'orgName' },
          { title: '授权范围', dataIndex: 'scopes', render: (scopes: string[]) => scopes.map((s) => <Tag key={s}>{SCOPE_NAMES[s] ?? s}</Tag>) },
          { title: '状态', dataIndex: 'active', render: (active: boolean) => (active ? <StatusTag tone="ok">在用</StatusTag> : <StatusTag tone="off">已停用</StatusTag>) },
          { title: '登记时间', dataIndex: 'createdAt', render: (s: string) => formatDateTime(s) },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, c) =>
              c.active ? (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => onRotate(c)} aria-label={`更换 ${c.name} 的密钥`}>
                    更换密钥
                  </Button>
                  <Button type="link" size="small" danger onClick={() => onDisable(c)} aria-label={`停用 ${c.name}`}>
                    停用
                  </Button>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <CreateClientModal open={creating} onClose={() => setCreating(false)} me={me} scopes={(clients.data?.availableScopes ?? []).map((s) => s.scope)} />
    </Space>
  );
}
