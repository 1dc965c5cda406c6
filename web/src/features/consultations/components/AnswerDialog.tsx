// 答复: the answer to a consultation logged without one. An answer is given once: if a colleague
// answered it meanwhile (409) the list reloads and says so.
import { useEffect } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import { ApiError, describeError } from '../../../api/client';
import { useAnswerConsultation, type Consultation } from '../hooks';
import { showFieldErrors } from './fieldErrors';

export function AnswerDialog({ consultation, onClose }: { consultation: Consultation | null; onClose: () => void }) {
  const [form] = Form.useForm<{ answer: string }>();
  const answer = useAnswerConsultation();
  const { message } = App.useApp();

  useEffect(() => {
    if (consultation) form.resetFields();
  }, [consultation, form]);

  const onOk = async () => {
    if (!consultation) return;
    const v = await form.validateFields();
    answer.mutate(
      { id: consultation.id, answer: v.answer.trim() },
      {
        onSuccess: () => {
          message.success('已答复');
          onClose();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409) {
            message.warning(describeError(e));
            onClose();
          } else if (!showFieldErrors(form, e, ['answer'])) message.error(describeError(e));
        },
      },
    );
  };

  return (
    <Modal title="答复咨询" open={!!consultation} onCancel={onClose} onOk={onOk} okText="保存答复" confirmLoading={answer.isPending} destroyOnHidden>
      {consultation && (
        <Form form={form} layout="vertical" name={`answer-${consultation.id}`} requiredMark>
          <Typography.Paragraph>
            <Typography.Text strong>咨询内容：</Typography.Text>
            <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{consultation.question}</span>
          </Typography.Paragraph>
          <Form.Item label="答复内容" name="answer" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
