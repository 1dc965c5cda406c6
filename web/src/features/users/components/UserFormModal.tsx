// 新增 / 编辑用户: name, organization (from the org tree), window, and the roles this administrator
// may grant. A new account without a chosen password gets a one-time password, shown once.
import { useEffect, useState } from 'react';
import { App, Checkbox, Form, Input, Modal } from 'antd';
import { describeError, ApiError } from '../../../api/client';
import { OneTimeSecret } from '../../../shared/OneTimeSecret';
import { OrgTreeSelect } from '../../../shared/OrgTreeSelect';
import type { Me } from '../../auth/hooks';
import { useCreateUser, usePatchUser, type StaffUser } from '../hooks';

interface Values {
  username: string;
  displayName: string;
  orgId: string;
  windowCode?: string;
  roles: string[];
  password?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  me: Me;
  /** The roles this administrator may grant (from the list response). */
  grantable: { role: string; name: string }[];
  /** The account to edit; absent = create. */
  user?: StaffUser;
}

export const atLeastOne = (msg: string) => (_: unknown, v?: unknown[]) => (v && v.length > 0 ? Promise.resolve() : Promise.reject(new Error(msg)));

/** Puts the server's invalidParams (body.roles …) on the form fields they name. */
function showFieldErrors(form: ReturnType<typeof Form.useForm<Values>>[0], error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields = error.invalidParams
    .map((p) => ({ name: p.name.replace(/^body\./, '').split('.')[0] as keyof Values, errors: [p.reason] }))
    .filter((f) => ['username', 'displayName', 'orgId', 'windowCode', 'roles', 'password'].includes(f.name));
  form.setFields(fields);
  return fields.length > 0;
}

export function UserFormModal({ open, onClose, me, grantable, user }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const patch = usePatchUser();
  const { message } = App.useApp();
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const editing = !!user;

  useEffect(() => {
    if (!open) return;
    setSecret(null);
    form.resetFields();
    if (user) form.setFieldsValue({ username: user.username, displayName: user.displayName, orgId: user.orgId, windowCode: user.windowCode ?? '', roles: user.roles });
  }, [open, user, form]);

  const onError = (e: unknown) => {
    if (!showFieldErrors(form, e)) message.error(describeError(e));
  };

  const onOk = async () => {
    if (secret) return onClose();
    const v = await form.validateFields();
    const windowCode = v.windowCode?.trim() ? v.windowCode.trim() : null;
    if (user) {
      patch.mutate(
        { id: user.id, body: { displayName: v.displayName, orgId: v.orgId, windowCode, roles: v.roles as never } },
        { onSuccess: () => (message.success('已保存'), onClose()), onError },
      );
      return;
    }
    create.mutate(
      { username: v.username, displayName: v.displayName, orgId: v.orgId, windowCode, roles: v.roles as never, ...(v.password ? { password: v.password } : {}) },
      {
        onSuccess: (res) => {
          message.success('用户已创建');
          if (res.initialPassword) setSecret({ username: res.user.username, password: res.initialPassword });
          else onClose();
        },
        onError,
      },
    );
  };

  return (
    <Modal
      title={editing ? `编辑用户 ${user.username}` : '新增用户'}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={secret ? '我已记下，关闭' : editing ? '保存' : '创建'}
      cancelButtonProps={secret ? { style: { display: 'none' } } : undefined}
      confirmLoading={create.isPending || patch.isPending}
      destroyOnHidden
    >
      {secret ? (
        <OneTimeSecret label={`${secret.username} 的初始密码`} value={secret.password} note="请当面或通过安全渠道交给本人；首次登录后须修改。关闭后无法再次查看，如遗失请重置密码。" />
      ) : (
        <Form form={form} layout="vertical" name={editing ? `edit-user-${user.id}` : 'create-user'} requiredMark>
          <Form.Item label="登录名" name="username" rules={[{ required: true, message: '请填写登录名' }, { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: '3–32 位小写字母、数字或 _ . -，以字母开头' }]}>
            <Input autoComplete="off" disabled={editing} />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 64 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="所属机构" name="orgId" rules={[{ required: true, message: '请选择所属机构' }]}>
            <OrgTreeSelect me={me} />
          </Form.Item>
          <Form.Item label="窗口号" name="windowCode" extra="分配了窗口的工作人员填写，如 A03；没有可留空" rules={[{ pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, message: '字母、数字或 -，最多 16 位' }]}>
            <Input autoComplete="off" style={{ maxWidth: 160 }} />
          </Form.Item>
          {/* A validator, not `required`: antd would put aria-required on the group, which ARIA does not allow there. */}
          <Form.Item label="角色（至少选一个）" name="roles" rules={[{ validator: atLeastOne('至少选择一个角色') }]} extra="只列出您有权授予的角色">
            <Checkbox.Group role="group" aria-label="角色" options={grantable.map((g) => ({ label: g.name, value: g.role }))} />
          </Form.Item>
          {!editing && (
            <Form.Item label="初始密码" name="password" extra="留空则由系统生成一次性初始密码（推荐），首次登录须修改">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
