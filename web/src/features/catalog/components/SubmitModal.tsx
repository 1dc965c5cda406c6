import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';

export interface SubmitValues {
  changeReason: string;
  effectiveFrom?: Dayjs | null;
}

/** 提交审核: the reason of the change (Art. 12: e.g. the law that changed) and the proposed date. */
export function SubmitModal({ open, onCancel, onSubmit, loading, initialReason }: {
  open: boolean;
  onCancel: () => void;
  onSubmit: (v: SubmitValues) => void;
  loading: boolean;
  initialReason?: string;
}) {
  const [form] = Form.useForm<SubmitValues>();
  return (
    <Modal
      title="提交审核"
      open={open}
      onCancel={onCancel}
      okText="提交"
      confirmLoading={loading}
      onOk={async () => onSubmit(await form.validateFields())}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="submit-guide" initialValues={{ changeReason: initialReason ?? '' }}>
        <Form.Item
          label="调整原因（如依据的法律法规变化）"
          name="changeReason"
          rules={[{ required: true, whitespace: true, message: '请填写调整原因' }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item label="拟施行日期（可不填，由审核人员确定）" name="effectiveFrom">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
