import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { describeError } from '../../../api/client';
import type { Item } from '../../../api/types';
import { ITEM_TYPE_NAMES, options } from '../../../shared/labels';
import { useCreateItem } from '../hooks';

interface Values {
  name: string;
  type: string;
  parentId?: string;
  legalBasisText?: string;
  legalLimitDays?: number | null;
  description?: string;
}

/** Creates a basic catalog item (基本目录) or a sub-item (子项) under a parent. */
export function CreateItemModal({ open, onClose, items }: { open: boolean; onClose: () => void; items: Item[] }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateItem();
  const { message } = App.useApp();

  const onOk = async () => {
    const v = await form.validateFields();
    const legalBasis = (v.legalBasisText ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
    create.mutate(
      {
        name: v.name,
        type: v.type as never,
        parentId: v.parentId || undefined,
        legalBasis,
        legalLimitDays: v.legalLimitDays ?? undefined,
        description: v.description || undefined,
      },
      {
        onSuccess: (item) => {
          message.success(`已创建事项 ${item.code} ${item.name}`);
          form.resetFields();
          onClose();
        },
        onError: (e) => message.error(describeError(e)),
      },
    );
  };

  return (
    <Modal title="新建事项" open={open} onCancel={onClose} onOk={onOk} okText="创建" confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" name="create-item">
        <Form.Item label="事项名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入事项名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="事项类型（第六条）" name="type" rules={[{ required: true, message: '请选择事项类型' }]}>
          <Select options={options(ITEM_TYPE_NAMES)} />
        </Form.Item>
        <Form.Item label="上级事项（创建子项时选择）" name="parentId">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={items.filter((i) => !i.parentId).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
          />
        </Form.Item>
        <Form.Item label="设定依据（每行一条）" name="legalBasisText">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label="法定办结时限（工作日）" name="legalLimitDays">
          <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="说明" name="description">
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
