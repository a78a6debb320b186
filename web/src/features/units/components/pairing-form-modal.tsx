import { useEffect } from 'react';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { pairingKindLabels, pairingKinds, type PairingKind } from '../../../../../contracts/regions.ts';
import { createPairingInput } from '../../../../../contracts/units.ts';
import { applyErrorToForm, zodRule } from '../../../lib/form-errors.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { toPlainDate } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { UnitSelect } from '../../../components/unit-select.tsx';
import { t } from '../../../locales/zh-CN.ts';
import { useCreatePairing } from '../api/units-api.ts';

type Values = { kind: PairingKind; unitAId: number | null; unitBId: number | null; startedOn: Dayjs | null; note: string };

const fieldOfCode: Partial<Record<string, keyof Values>> = {
  pairing_same_unit: 'unitBId',
  pairing_not_north_south: 'unitBId',
  pairing_exists: 'unitBId',
};

const required = (message: string) => ({
  validator: async (_: unknown, value: unknown) => {
    if (!value) throw new Error(message);
  },
});

export function PairingFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreatePairing();
  const isMobile = useIsMobile();
  const kind = Form.useWatch('kind', form);
  const unitAId = Form.useWatch('unitAId', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: 'north_south', unitAId: null, unitBId: null, startedOn: null, note: '' });
  }, [open, form]);

  const onFinish = (values: Values) => {
    if (!values.unitAId || !values.unitBId) return;
    create.mutate(
      {
        kind: values.kind,
        unitAId: values.unitAId,
        unitBId: values.unitBId,
        startedOn: toPlainDate(values.startedOn),
        note: values.note?.trim() || null,
      },
      {
        onSuccess: () => {
          notifySuccess('结对已创建');
          onClose();
        },
        onError: (error) => applyErrorToForm(form, error, fieldOfCode),
      },
    );
  };

  return (
    <Modal
      open={open}
      title="新建结对"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={create.isPending}
      width={isMobile ? '100%' : 560}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={create.isPending}>
        <Form.Item name="kind" label="结对类型" required rules={[zodRule(createPairingInput.shape.kind)]}>
          <Select options={pairingKinds.map((k) => ({ value: k, label: pairingKindLabels[k] }))} />
        </Form.Item>
        <Form.Item
          name="unitAId"
          label="单位一"
          required
          rules={[required('请选择结对单位')]}
          extra={kind === 'north_south' ? '南北结对须由一个苏南单位和一个苏北单位组成' : undefined}
        >
          <UnitSelect />
        </Form.Item>
        <Form.Item name="unitBId" label="单位二" required rules={[required('请选择结对单位')]}>
          <UnitSelect exclude={unitAId ? [unitAId] : undefined} />
        </Form.Item>
        <Form.Item name="startedOn" label="结对日期">
          <DatePicker style={{ width: '100%' }} placeholder="选择日期" />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(createPairingInput.shape.note)]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
