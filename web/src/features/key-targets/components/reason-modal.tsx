import { Form, Input, Modal } from 'antd';

/** Asks for the reason an action needs (clearing a flag, ending a mentorship) before it runs. */
export function ReasonModal({
  title,
  open,
  pending,
  onSubmit,
  onClose,
}: {
  title: string;
  open: boolean;
  pending: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open={open} title={title} okText="确定" onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => onSubmit(v.reason.trim())}>
        <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, min: 2, message: '请填写原因' }]}>
          <Input.TextArea rows={3} maxLength={300} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
