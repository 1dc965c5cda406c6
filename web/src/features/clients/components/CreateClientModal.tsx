// 登记接入系统: a department system's name, organization and scopes; its secret is shown once.
import { useEffect, useState } from 'react';
import { App, Checkbox, Form, Input, Modal } from 'antd';
import { ApiError, describeError } from '../../../api/client';
import { OneTimeSecret } from '../../../shared/OneTimeSecret';
import { OrgTreeSelect } from '../../../shared/OrgTreeSelect';
import type { Me } from '../../auth/hooks';
import { useCreateClient } from '../hooks';
import { atLeastOne } from '../../users/components/UserFormModal';

export const SCOPE_NAMES: Record<string, string> = {
  'catalog.read': '读取事项目录与办事指南',
  'catalog.import': '导入事项目录',
};

interface Values {
  name: string;
  orgId: string;
  scopes: string[];
}

export function CreateClientModal({ open, onClose, me, scopes }: { open: boolean; onClose: () => void; me: Me; scopes: string[] }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateClient();
  const { message } = App.useApp();
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string } | null>(null);

  useEffect(() => {
    if (open) {
      setSecret(null);
      form.resetFields();
    }
  }, [open, form]);

  const onOk = async () => {
    if (secret) return onClose();
    const v = await form.validateFields();
    create.mutate(v as never, {
      onSuccess: (res) => {
        message.success('接入系统已登记');
        setSecret({ clientId: res.client.clientId, clientSecret: res.clientSecret });
      },
      onError: (e) => {
        const fields = e instanceof ApiError ? e.invalidParams.map((p) => ({ name: p.name.replace(/^body\./, '').split('.')[0] as keyof Values, errors: [p.reason] })) : [];
        if (fields.length) form.setFields(fields);
        else message.error(describeError(e));
      },
    });
  };

  return (
    <Modal
      title="登记接入系统"
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={secret ? '我已保存，关闭' : '登记'}
      cancelButtonProps={secret ? { style: { display: 'none' } } : undefined}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {secret ? (
        <>
          <p>
            客户端标识（client_id）：<code>{secret.clientId}</code>
          </p>
          <OneTimeSecret label="客户端密钥" value={secret.clientSecret} note="请交由对接系统的管理员妥善保存。关闭后无法再次查看；遗失请更换密钥。" />
        </>
      ) : (
        <Form form={form} layout="vertical" name="create-machine-client">
          <Form.Item label="系统名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写系统名称' }, { max: 100 }]}>
            <Input placeholder="如：市场监管局企业登记系统" autoComplete="off" />
          </Form.Item>
          <Form.Item label="所属机构" name="orgId" rules={[{ required: true, message: '请选择所属机构' }]} extra="该系统只能在此机构及其下级范围内办理">
            <OrgTreeSelect me={me} />
          </Form.Item>
          <Form.Item label="授权范围（至少选一项）" name="scopes" rules={[{ validator: atLeastOne('至少选择一项授权范围') }]}>
            <Checkbox.Group role="group" aria-label="授权范围" options={scopes.map((s) => ({ value: s, label: `${SCOPE_NAMES[s] ?? s}（${s}）` }))} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
