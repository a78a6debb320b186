import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  activityTypeLabels,
  activityTypes,
  aidTypeLabels,
  aidTypes,
  archiveEntryKindLabels,
  goalStatusLabels,
  goalStatuses,
  type ArchiveEntryDto,
  type ArchiveEntryFormInput,
  type ArchiveEntryKind,
} from '../../../../../contracts/growth-archive.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { dayjs, inShanghai, toPlainDate } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useSaveArchiveEntry } from '../api/growth-archive-api.ts';

type Values = {
  occurredOn: Dayjs | null;
  aidType?: string;
  amount?: string;
  funder?: string;
  activityType?: string;
  title?: string;
  hours?: number | null;
  note?: string;
  body?: string;
  targetOn?: Dayjs | null;
  goalStatus?: string;
};

const dateLabel: Record<ArchiveEntryKind, string> = {
  aid: '发放日期',
  activity: '活动日期',
  reward: '获奖日期',
  note: '记录日期',
  goal: '制定日期',
};

const required = (message: string) => ({ required: true, message });
const future = (d: Dayjs) => d.isAfter(inShanghai(new Date()), 'day');
const plain = (d: Dayjs | null | undefined) => toPlainDate(d) ?? '';

function valuesOf(entry: ArchiveEntryDto | null): Values {
  if (!entry) return { occurredOn: inShanghai(new Date()), goalStatus: 'in_progress' };
  return {
    occurredOn: dayjs(entry.occurredOn),
    aidType: entry.aidType ?? undefined,
    amount: entry.amount ?? undefined,
    funder: entry.funder ?? undefined,
    activityType: entry.activityType ?? undefined,
    title: entry.title ?? undefined,
    hours: entry.hours,
    note: entry.note ?? undefined,
    body: entry.body ?? undefined,
    targetOn: entry.targetOn ? dayjs(entry.targetOn) : null,
    goalStatus: entry.goalStatus ?? undefined,
  };
}

/** What the form sends: the kind's own fields; the server checks them with the same schema. */
function inputOf(kind: ArchiveEntryKind, v: Values): ArchiveEntryFormInput {
  const occurredOn = plain(v.occurredOn);
  switch (kind) {
    case 'aid':
      return { kind, occurredOn, aidType: v.aidType as never, amount: v.amount ?? '', funder: v.funder ?? null, note: v.note ?? null };
    case 'activity':
      return {
        kind,
        occurredOn,
        activityType: v.activityType as never,
        title: v.title ?? '',
        hours: v.hours ?? null,
        note: v.note ?? null,
      };
    case 'reward':
      return { kind, occurredOn, title: v.title ?? '', note: v.note ?? null };
    case 'note':
      return { kind, occurredOn, body: v.body ?? '' };
    case 'goal':
      return { kind, occurredOn, body: v.body ?? '', targetOn: toPlainDate(v.targetOn), goalStatus: v.goalStatus as never };
  }
}

type Props = {
  studentId: number;
  kind: ArchiveEntryKind | null;
  /** null: a new entry. */
  entry: ArchiveEntryDto | null;
  onClose: () => void;
};

/** Adding or changing one archive entry; the fields follow its kind. */
export function EntryFormModal({ studentId, kind, entry, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const save = useSaveArchiveEntry(studentId);
  const isMobile = useIsMobile();
  const [refusal, setRefusal] = useState<string | null>(null);
  const open = kind !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(valuesOf(entry));
    setRefusal(null);
  }, [open, entry, form]);

  const onFinish = (values: Values) => {
    if (!kind) return;
    setRefusal(null);
    save.mutate(
      { id: entry?.id ?? null, input: inputOf(kind, values) },
      {
        onSuccess: () => {
          notifySuccess(entry ? '记录已修改' : `已添加${archiveEntryKindLabels[kind]}`);
          onClose();
        },
        onError: (error) => {
          applyErrorToForm(form, error);
          setRefusal(errorMessage(error));
        },
      },
    );
  };

  const datePicker = <DatePicker style={{ width: '100%' }} disabledDate={future} placeholder="选择日期" inputReadOnly={isMobile} />;

  return (
    <Modal
      open={open}
      title={kind ? `${entry ? '修改' : '添加'}${archiveEntryKindLabels[kind]}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={save.isPending}
      width={isMobile ? '100%' : 560}
      style={isMobile ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      forceRender
    >
      {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending} requiredMark>
        {kind ? (
          <Form.Item name="occurredOn" label={dateLabel[kind]} rules={[required('请选择日期')]}>
            {datePicker}
          </Form.Item>
        ) : null}
        {kind === 'aid' ? (
          <>
            <Form.Item name="aidType" label="资助类型" rules={[required('请选择资助类型')]}>
              <Select options={aidTypes.map((v) => ({ value: v, label: aidTypeLabels[v] }))} placeholder="选择类型" />
            </Form.Item>
            <Form.Item
              name="amount"
              label="金额(元)"
              rules={[required('请填写金额'), { pattern: /^\d{1,7}(\.\d{1,2})?$/, message: '金额应为数字,单位为元,最多两位小数' }]}
            >
              <Input inputMode="decimal" placeholder="例如 1500 或 1500.50" suffix="元" />
            </Form.Item>
            <Form.Item name="funder" label="资助方/来源">
              <Input maxLength={100} placeholder="例如 国家、学校、某爱心企业" />
            </Form.Item>
            <Form.Item name="note" label="备注">
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
          </>
        ) : null}
        {kind === 'activity' ? (
          <>
            <Form.Item name="activityType" label="活动类型" rules={[required('请选择活动类型')]}>
              <Select options={activityTypes.map((v) => ({ value: v, label: activityTypeLabels[v] }))} placeholder="选择类型" />
            </Form.Item>
            <Form.Item name="title" label="活动名称" rules={[required('请填写活动名称')]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="hours" label="学时">
              <InputNumber min={0} max={9999} step={0.5} precision={1} style={{ width: '100%' }} inputMode="decimal" />
            </Form.Item>
            <Form.Item name="note" label="活动说明">
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </>
        ) : null}
        {kind === 'reward' ? (
          <>
            <Form.Item name="title" label="奖励名称" rules={[required('请填写奖励名称')]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
          </>
        ) : null}
        {kind === 'note' ? (
          <Form.Item name="body" label="记录内容" rules={[required('请填写记录内容')]} extra="请勿填写身份证号、电话、住址等敏感信息。">
            <Input.TextArea rows={5} maxLength={2000} showCount />
          </Form.Item>
        ) : null}
        {kind === 'goal' ? (
          <>
            <Form.Item name="body" label="目标内容" rules={[required('请填写目标内容')]}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
            <Form.Item name="targetOn" label="目标日期">
              <DatePicker style={{ width: '100%' }} placeholder="选择日期" inputReadOnly={isMobile} />
            </Form.Item>
            <Form.Item name="goalStatus" label="状态" rules={[required('请选择状态')]}>
              <Radio.Group optionType="button" options={goalStatuses.map((v) => ({ value: v, label: goalStatusLabels[v] }))} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
