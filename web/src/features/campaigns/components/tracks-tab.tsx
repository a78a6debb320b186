import { useEffect, useState } from 'react';
import {
  Button,
  Collapse,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  createTrackInput,
  trackFields,
  trackKindLabels,
  trackKinds,
  type CampaignDto,
  type TrackDto,
  type TrackKind,
} from '../../../../../contracts/campaigns.ts';
import { messageFor } from '../../../../../contracts/reasons.ts';
import { UnitSelect } from '../../../components/unit-select.tsx';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { applyErrorToForm, applyIssuesToForm, zodRule } from '../../../lib/form-errors.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useCreateTrack, useDeleteTrack, useReorderTracks, useUpdateTrack } from '../api/campaigns-api.ts';
import { fromPickerValue, toPickerValue } from '../lib/deadlines.ts';
import { CoordinatorSelect } from './coordinator-select.tsx';
import { SubtypesEditor } from './subtypes-editor.tsx';

type Values = {
  code: string;
  name: string;
  kind: TrackKind;
  description: string;
  hostUnitId: number | null;
  coordinatorUserId: number | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  opensAt: Dayjs | null;
  submissionClosesAt: Dayjs | null;
  revisionClosesAt: Dayjs | null;
  defaultQuota: number;
  upwardQuota: number;
};

/** Errors without a field path that still belong to one field. */
const fieldOfCode: Partial<Record<string, keyof Values>> = {
  track_code_taken: 'code',
  track_has_submissions: 'code',
  track_deadlines_order: 'submissionClosesAt',
  track_deadlines_missing: 'opensAt',
  track_host_missing: 'hostUnitId',
  track_coordinator_missing: 'coordinatorUserId',
  coordinator_not_eligible: 'coordinatorUserId',
};

/** 类别设置: every track's settings, sub-types, order; add and delete while the campaign is a draft. */
export function TracksTab({ campaign }: { campaign: CampaignDto }) {
  const reorder = useReorderTracks();
  const remove = useDeleteTrack();
  const [adding, setAdding] = useState(false);
  const ids = campaign.tracks.map((tr) => tr.id);
  const move = (index: number, delta: number) => {
    const next = [...ids];
    const [moved] = next.splice(index, 1);
    next.splice(index + delta, 0, moved!);
    reorder.mutate({ campaignId: campaign.id, trackIds: next });
  };

  return (
    <Flex vertical gap={12}>
      {campaign.abilities.addTrack ? (
        <Flex justify="flex-end">
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增类别
          </Button>
        </Flex>
      ) : null}
      <Collapse
        defaultActiveKey={campaign.tracks.length === 1 ? [String(campaign.tracks[0]!.id)] : []}
        items={campaign.tracks.map((track, i) => ({
          key: String(track.id),
          label: (
            <Flex wrap gap={6} align="center">
              <span style={{ whiteSpace: 'normal' }}>{track.name}</span>
              <Tag style={{ marginInlineEnd: 0 }}>{track.code}</Tag>
              <Tag color={track.kind === 'ambassador' ? 'gold' : 'blue'} style={{ marginInlineEnd: 0 }}>
                {trackKindLabels[track.kind]}
              </Tag>
            </Flex>
          ),
          extra: campaign.abilities.update ? (
            <Space size={4} onClick={(e) => e.stopPropagation()}>
              <Button
                size="small"
                type="text"
                icon={<ArrowUpOutlined />}
                aria-label="上移"
                disabled={i === 0 || reorder.isPending}
                onClick={() => move(i, -1)}
              />
              <Button
                size="small"
                type="text"
                icon={<ArrowDownOutlined />}
                aria-label="下移"
                disabled={i === campaign.tracks.length - 1 || reorder.isPending}
                onClick={() => move(i, 1)}
              />
              {track.abilities.delete ? (
                <Popconfirm
                  title="删除类别"
                  description={`确定删除“${track.name}”?`}
                  okText="删除"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    remove.mutateAsync(track.id).then(
                      () => notifySuccess('已删除'),
                      () => undefined,
                    )
                  }
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除 ${track.name}`} />
                </Popconfirm>
              ) : (
                <Tooltip title={track.reasons.delete ? messageFor(track.reasons.delete) : undefined}>
                  <Button size="small" type="text" icon={<DeleteOutlined />} disabled aria-label={`删除 ${track.name}`} />
                </Tooltip>
              )}
            </Space>
          ) : null,
          children: <TrackForm track={track} editable={track.abilities.update} />,
        }))}
      />
      <AddTrackModal campaignId={campaign.id} open={adding} onClose={() => setAdding(false)} />
    </Flex>
  );
}

function TrackForm({ track, editable }: { track: TrackDto; editable: boolean }) {
  const [form] = Form.useForm<Values>();
  const update = useUpdateTrack();
  const isMobile = useIsMobile();

  useEffect(() => {
    form.setFieldsValue({
      code: track.code,
      name: track.name,
      kind: track.kind,
      description: track.description ?? '',
      hostUnitId: track.hostUnit?.id ?? null,
      coordinatorUserId: track.coordinator?.id ?? null,
      contactName: track.contactName ?? '',
      contactEmail: track.contactEmail ?? '',
      contactPhone: track.contactPhone ?? '',
      opensAt: toPickerValue(track.opensAt),
      submissionClosesAt: toPickerValue(track.submissionClosesAt),
      revisionClosesAt: toPickerValue(track.revisionClosesAt),
      defaultQuota: track.defaultQuota,
      upwardQuota: track.upwardQuota,
    });
  }, [track, form]);

  const onFinish = (v: Values) =>
    update.mutate(
      {
        id: track.id,
        input: {
          code: v.code,
          name: v.name,
          kind: v.kind,
          description: v.description?.trim() || null,
          hostUnitId: v.hostUnitId ?? null,
          coordinatorUserId: v.coordinatorUserId ?? null,
          contactName: v.contactName?.trim() || null,
          contactEmail: v.contactEmail?.trim() || null,
          contactPhone: v.contactPhone?.trim() || null,
          opensAt: fromPickerValue(v.opensAt),
          submissionClosesAt: fromPickerValue(v.submissionClosesAt),
          revisionClosesAt: fromPickerValue(v.revisionClosesAt),
          defaultQuota: v.defaultQuota,
          upwardQuota: v.upwardQuota,
        },
      },
      {
        onSuccess: () => notifySuccess(`${v.name}:${t.saved}`),
        onError: (error) => {
          if (!applyErrorToForm(form, error, fieldOfCode)) notifyError(errorMessage(error));
        },
      },
    );

  const half = { flex: isMobile ? '1 1 100%' : '1 1 260px', minWidth: 0 };
  const picker = (name: 'opensAt' | 'submissionClosesAt' | 'revisionClosesAt', label: string) => (
    <Form.Item name={name} label={label} style={{ flex: isMobile ? '1 1 100%' : '1 1 200px' }}>
      <DatePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        style={{ width: '100%' }}
        placeholder="选择日期时间"
        aria-label={`${track.name} ${label}`}
      />
    </Form.Item>
  );

  const settings = (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={!editable || update.isPending}
      data-testid={`track-form-${track.code}`}
    >
      <Flex wrap gap={16}>
        <Form.Item name="name" label="类别名称" rules={[zodRule(trackFields.name)]} style={half}>
          <Input />
        </Form.Item>
        <Form.Item name="code" label="代码" rules={[zodRule(trackFields.code)]} extra="用于受理编号" style={{ width: 120 }}>
          <Input disabled={!track.abilities.delete && track.reasons.delete === 'track_has_submissions'} />
        </Form.Item>
        <Form.Item name="kind" label="类型" style={{ width: 140 }}>
          <Select options={trackKinds.map((k) => ({ value: k, label: trackKindLabels[k] }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="description" label="说明">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Flex wrap gap={16}>
        <Form.Item name="hostUnitId" label="牵头单位" style={half}>
          <UnitSelect known={track.hostUnit} aria-label={`${track.name} 牵头单位`} />
        </Form.Item>
        <Form.Item name="coordinatorUserId" label="类别牵头人" style={half}>
          <CoordinatorSelect known={track.coordinator} aria-label={`${track.name} 类别牵头人`} />
        </Form.Item>
      </Flex>
      <Flex wrap gap={16}>
        <Form.Item name="contactName" label="联系人" style={{ flex: '1 1 140px' }}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话" rules={[zodRule(trackFields.contactPhone)]} style={{ flex: '1 1 180px' }}>
          <Input placeholder="0516-8000 0001 或手机号" />
        </Form.Item>
        <Form.Item name="contactEmail" label="电子邮箱" rules={[zodRule(trackFields.contactEmail)]} style={{ flex: '1 1 220px' }}>
          <Input type="email" />
        </Form.Item>
      </Flex>
      <Typography.Text type="secondary">时间均为北京时间;开放时间须早于提交截止时间,修改截止时间不早于提交截止时间。</Typography.Text>
      <Flex wrap gap={16} style={{ marginTop: 8 }}>
        {picker('opensAt', '开放申报')}
        {picker('submissionClosesAt', '提交截止')}
        {picker('revisionClosesAt', '修改截止(退回后)')}
      </Flex>
      <Flex wrap gap={16}>
        <Form.Item
          name="defaultQuota"
          label="每单位推荐名额"
          rules={[zodRule(trackFields.defaultQuota)]}
          extra="个别单位不同可在“名额”中设置"
        >
          <InputNumber min={0} max={100} precision={0} aria-label={`${track.name} 每单位推荐名额`} />
        </Form.Item>
        <Form.Item name="upwardQuota" label="向省级推荐名额" rules={[zodRule(trackFields.upwardQuota)]}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
      </Flex>
      {editable ? (
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          保存类别设置
        </Button>
      ) : null}
    </Form>
  );
  return (
    <>
      {settings}
      <Divider titlePlacement="start" plain>
        子类
      </Divider>
      <SubtypesEditor track={track} editable={editable} />
    </>
  );
}

function AddTrackModal({ campaignId, open, onClose }: { campaignId: number; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ code: string; name: string; kind: TrackKind }>();
  const create = useCreateTrack();
  return (
    <Modal
      open={open}
      title="新增类别"
      okText="新增"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'case' }}
        onFinish={(v) =>
          create.mutate(
            { campaignId, input: createTrackInput.parse(v) },
            {
              onSuccess: () => {
                notifySuccess('已新增类别,请完善其设置');
                form.resetFields();
                onClose();
              },
              onError: (error) => {
                if (applyIssuesToForm(form, error)) return;
                form.setFields([
                  { name: isApiError(error) && error.code === 'track_code_taken' ? 'code' : 'name', errors: [errorMessage(error)] },
                ]);
              },
            },
          )
        }
      >
        <Form.Item name="name" label="类别名称" required rules={[zodRule(trackFields.name)]}>
          <Input />
        </Form.Item>
        <Form.Item name="code" label="代码" required rules={[zodRule(trackFields.code)]} extra="大写字母或数字,如 LD">
          <Input />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select options={trackKinds.map((k) => ({ value: k, label: trackKindLabels[k] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
