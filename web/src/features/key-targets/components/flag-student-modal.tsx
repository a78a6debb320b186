import { useEffect } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { StudentSearchSelect } from '../../../components/student-search-select.tsx';
import { defaultDepartments, keyTargetFlagLabels, keyTargetFlags, type KeyTargetFlag } from '../../../../../contracts/key-targets.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { useFlagStudent } from '../api/key-targets-api.ts';

type Values = { studentId: number; flag: KeyTargetFlag; department: string; note?: string };

/** Marks an identified student as a key support target: which risk, which department answers for it. */
export function FlagStudentModal({
  open,
  schoolYear,
  student,
  onClose,
}: {
  open: boolean;
  schoolYear: string;
  /** Preset when flagging a student already on the list. */
  student: { id: number; label: string } | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const flagStudent = useFlagStudent();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (student) form.setFieldsValue({ studentId: student.id });
  }, [open, student, form]);

  return (
    <Modal
      open={open}
      title={`标记重点帮扶对象(${schoolYear} 学年)`}
      okText="保存"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={flagStudent.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.flag) form.setFieldsValue({ department: defaultDepartments[changed.flag] });
        }}
        onFinish={(values) =>
          flagStudent.mutate(
            { studentId: values.studentId, input: { schoolYear, flag: values.flag, department: values.department, note: values.note } },
            {
              onSuccess: () => {
                notifySuccess('已标记');
                onClose();
              },
              onError: (error) => {
                if (
                  !applyErrorToForm(form, error, {
                    student_not_identified: 'studentId',
                    key_target_flag_exists: 'flag',
                    not_own_student: 'studentId',
                  })
                )
                  notifyError(errorMessage(error));
              },
            },
          )
        }
      >
        <Form.Item
          name="studentId"
          label="学生"
          rules={[{ required: true, message: '请选择学生' }]}
          extra="须为本学年已完成家庭经济困难认定的学生"
        >
          {student ? (
            <Select disabled options={[{ value: student.id, label: student.label }]} />
          ) : (
            <StudentSearchSelect aria-label="学生" placeholder="输入学号或姓名查找" />
          )}
        </Form.Item>
        <Form.Item name="flag" label="帮扶类型" rules={[{ required: true, message: '请选择帮扶类型' }]}>
          <Select options={keyTargetFlags.map((f) => ({ value: f, label: keyTargetFlagLabels[f] }))} />
        </Form.Item>
        <Form.Item name="department" label="责任部门" rules={[{ required: true, whitespace: true, message: '请填写责任部门' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="note" label="情况说明">
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="请勿填写身份证号、电话、住址等敏感信息" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
