import { App, Checkbox, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { StudentSearchSelect } from '../../../components/student-search-select.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { dayjs, toPlainDate } from '../../../lib/time.ts';
import { useCreateIdentification, useLevels } from '../api/identifications-api.ts';

type Values = {
  studentId: number | null;
  pledgeConfirmed: boolean;
  pledgeSignedOn: Dayjs | null;
  statedSituation: string;
  requestedLevelId?: number | null;
};

/** 认定申请: recorded by the class teacher or the aid officer from the student's signed form. */
export function ApplyModal({
  schoolYear,
  open,
  onClose,
  onCreated,
}: {
  schoolYear: string;
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const [form] = Form.useForm<Values>();
  const create = useCreateIdentification();
  const levels = useLevels();
  const { message } = App.useApp();

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const created = await create.mutateAsync({
        studentId: v.studentId!,
        schoolYear,
        pledgeConfirmed: true,
        pledgeSignedOn: toPlainDate(v.pledgeSignedOn)!,
        statedSituation: v.statedSituation,
        requestedLevelId: v.requestedLevelId ?? null,
      });
      void message.success(created.hasCompletedVisit ? '已录入申请,并已关联本学年已完成的家访' : '已录入申请;请在“家访记录”中完成家访');
      form.resetFields();
      onCreated(created.id);
    } catch (error) {
      if (
        !applyErrorToForm(form, error, {
          identification_exists: 'studentId',
          not_own_student: 'studentId',
          school_year_not_open: 'studentId',
        })
      ) {
        void message.error(errorMessage(error));
      }
    }
  };

  return (
    <Modal
      open={open}
      title={`录入认定申请(${schoolYear}学年)`}
      okText="录入"
      onOk={() => void submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ pledgeConfirmed: false, pledgeSignedOn: dayjs() }}>
        <Form.Item name="studentId" label="学生" rules={[{ required: true, message: '请选择学生' }]}>
          <StudentSearchSelect aria-label="学生" />
        </Form.Item>
        <Form.Item
          name="statedSituation"
          label="学生陈述的家庭经济情况"
          rules={[{ required: true, min: 10, message: '请填写学生陈述的家庭经济情况(至少 10 个字)' }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            placeholder="摘录学生申请表中的陈述(请勿填写身份证号、电话、住址)"
          />
        </Form.Item>
        <Form.Item name="requestedLevelId" label="申请等级(可不填)">
          <Select allowClear options={(levels.data ?? []).filter((l) => l.active).map((l) => ({ value: l.id, label: l.name }))} />
        </Form.Item>
        <Form.Item name="pledgeSignedOn" label="诚信承诺书签署日期" rules={[{ required: true, message: '请选择签署日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="pledgeConfirmed"
          valuePropName="checked"
          rules={[{ validator: async (_, v) => (v ? undefined : Promise.reject(new Error('请确认学生已签署诚信承诺书'))) }]}
        >
          <Checkbox>学生(及家长)已签署《家庭经济困难学生认定申请表》中的诚信承诺,承诺所填信息真实</Checkbox>
        </Form.Item>
        <Typography.Text type="secondary">按“先家访后认定”,单位审核前须完成该生本学年的家访。</Typography.Text>
      </Form>
    </Modal>
  );
}
