import { useEffect } from 'react';
import { Form, Input, Modal, Select, Typography } from 'antd';
import {
  citiesByRegion,
  regionLabels,
  regionOfCity,
  regions,
  unitKindLabels,
  unitKinds,
  type UnitKind,
} from '../../../../../contracts/regions.ts';
import { unitFields, type UnitDto } from '../../../../../contracts/units.ts';
import { applyErrorToForm, zodRule } from '../../../lib/form-errors.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useSaveUnit } from '../api/units-api.ts';

type Values = { code: string; name: string; kind: UnitKind; city: string; address: string };

const fieldOfCode: Partial<Record<string, keyof Values>> = {
  unit_code_taken: 'code',
  unit_name_taken: 'name',
  unknown_city: 'city',
};

/** Cities grouped by region: the region follows from the city. */
export const cityOptions = regions.map((region) => ({
  label: regionLabels[region],
  title: regionLabels[region],
  options: citiesByRegion[region].map((city) => ({ value: city, label: city })),
}));

export function UnitFormModal({ open, unit, onClose }: { open: boolean; unit: UnitDto | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const save = useSaveUnit();
  const isMobile = useIsMobile();
  const city = Form.useWatch('city', form);
  const region = city ? regionOfCity(city) : null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (unit) form.setFieldsValue({ code: unit.code, name: unit.name, kind: unit.kind, city: unit.city, address: unit.address ?? '' });
    else form.setFieldsValue({ kind: 'branch' });
  }, [open, unit, form]);

  const onFinish = (values: Values) => {
    save.mutate(
      { id: unit?.id ?? null, input: { ...values, address: values.address?.trim() || null } },
      {
        onSuccess: () => {
          notifySuccess(t.saved);
          onClose();
        },
        onError: (error) => applyErrorToForm(form, error, fieldOfCode),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={unit ? `编辑单位:${unit.name}` : '新建单位'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={save.isPending}
      width={isMobile ? '100%' : 560}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending}>
        <Form.Item name="code" label="单位代码" required rules={[zodRule(unitFields.code)]} extra="导入用户时用此代码指定单位">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label="单位名称" required rules={[zodRule(unitFields.name)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label="单位类型" required rules={[zodRule(unitFields.kind)]}>
          <Select options={unitKinds.map((kind) => ({ value: kind, label: unitKindLabels[kind] }))} />
        </Form.Item>
        <Form.Item
          name="city"
          label="所在城市"
          required
          rules={[zodRule(unitFields.city)]}
          extra={
            region ? (
              <Typography.Text type="secondary">所属地区:{regionLabels[region]}</Typography.Text>
            ) : (
              '县级市请选所属设区市(如宜兴选无锡)'
            )
          }
        >
          <Select showSearch={{ optionFilterProp: 'label' }} placeholder="选择设区市" options={cityOptions} />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={[zodRule(unitFields.address)]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
