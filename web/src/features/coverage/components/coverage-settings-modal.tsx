import { useEffect } from 'react';
import { Form, InputNumber, Modal } from 'antd';
import type { CoverageSettings } from '../../../../../contracts/coverage.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useSaveCoverageSettings } from '../api/coverage-api.ts';

export function CoverageSettingsModal({
  settings,
  open,
  onClose,
}: {
  settings: CoverageSettings | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<CoverageSettings>();
  const save = useSaveCoverageSettings();
  useEffect(() => {
    if (open && settings) form.setFieldsValue(settings);
  }, [open, settings, form]);
  return (
    <Modal open={open} title="达标设置" okText="保存" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form<CoverageSettings>
        form={form}
        layout="vertical"
        onFinish={(values) =>
          save.mutate(values, {
            onSuccess: () => {
              notifySuccess('已保存');
              onClose();
            },
            onError: (error) => applyErrorToForm(form, error),
          })
        }
      >
        <Form.Item
          name="seminarsPerSemester"
          label="每学期常态化研讨目标次数"
          rules={[{ required: true, type: 'integer', min: 1, max: 20 }]}
        >
          <InputNumber min={1} max={20} addonAfter="次" />
        </Form.Item>
        <Form.Item
          name="amberFromPercent"
          label="“部分覆盖”(黄色)起点"
          extra="覆盖率达到 100% 为绿色;达到此比例为黄色;低于此比例为红色"
          rules={[{ required: true, type: 'integer', min: 1, max: 99 }]}
        >
          <InputNumber min={1} max={99} addonAfter="%" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
