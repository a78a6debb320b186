import { useEffect } from 'react';
import { Form, Input, Modal, Select, Switch } from 'antd';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { useAssignMentor, useMentorCandidates } from '../api/key-targets-api.ts';

type Values = { mentorId: number; isLead: boolean; note?: string };

/** Picks a teacher of the unit, those with the fewest mentees first; the teacher is notified. */
export function AssignMentorModal({
  student,
  hasLead,
  onClose,
}: {
  student: { id: number; name: string } | null;
  hasLead: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const candidates = useMentorCandidates(student !== null);
  const assign = useAssignMentor();

  useEffect(() => {
    if (student) form.setFieldsValue({ isLead: !hasLead });
  }, [student, hasLead, form]);

  return (
    <Modal
      open={student !== null}
      title={student ? `为 ${student.name} 安排育人导师` : ''}
      okText="安排"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={assign.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(values) =>
          assign.mutate(
            { studentId: student!.id, input: values },
            {
              onSuccess: () => {
                notifySuccess('已安排,导师将收到通知');
                onClose();
              },
              onError: (error) => {
                if (!applyErrorToForm(form, error, { mentor_not_eligible: 'mentorId', mentor_already_assigned: 'mentorId' }))
                  notifyError(errorMessage(error));
              },
            },
          )
        }
      >
        <Form.Item name="mentorId" label="育人导师" rules={[{ required: true, message: '请选择导师' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={candidates.isLoading}
            placeholder="选择本单位教师"
            options={(candidates.data ?? []).map((c) => ({ value: c.id, label: `${c.displayName}(在带 ${c.menteeCount} 人)` }))}
          />
        </Form.Item>
        <Form.Item
          name="isLead"
          label="主导师"
          valuePropName="checked"
          extra={hasLead ? '设为主导师后,原主导师转为导师团队成员' : undefined}
        >
          <Switch />
        </Form.Item>
        <Form.Item name="note" label="帮扶重点">
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
