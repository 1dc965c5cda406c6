import { App, Form, Modal, TreeSelect } from 'antd';
import { describeError } from '../../../api/client';
import { orgTree } from '../../../shared/orgTree';
import { useAddImplementation, useOrgs } from '../hooks';

/** Adds an implementation entry (实施清单) of an item for an organization picked from the org tree. */
export function AddImplementationModal({ open, onClose, itemId }: { open: boolean; onClose: () => void; itemId: string }) {
  const [form] = Form.useForm<{ orgId: string }>();
  const orgs = useOrgs();
  const add = useAddImplementation(itemId);
  const { message } = App.useApp();

  const onOk = async () => {
    const { orgId } = await form.validateFields();
    add.mutate(orgId, {
      onSuccess: () => {
        message.success('已添加实施机构');
        form.resetFields();
        onClose();
      },
      onError: (e) => message.error(describeError(e)),
    });
  };

  return (
    <Modal title="添加实施机构" open={open} onCancel={onClose} onOk={onOk} okText="添加" confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" name={`add-impl-${itemId}`}>
        <Form.Item label="实施机构" name="orgId" rules={[{ required: true, message: '请选择实施机构' }]}>
          <TreeSelect
            treeData={orgTree(orgs.data ?? [])}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder="从组织机构树中选择"
            loading={orgs.isPending}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
