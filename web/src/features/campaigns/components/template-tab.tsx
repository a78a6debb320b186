import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, InputNumber, Select, Space, Switch, Typography, type FormInstance } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import {
  fileKindLabels,
  fileKinds,
  type AttachmentSlot,
  type FileKind,
  type FormTemplate,
  type TemplateSection,
} from '../../../../../contracts/form-template.ts';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useSaveTemplate } from '../api/campaigns-api.ts';

const MB = 1024 * 1024;
type SlotValues = Omit<AttachmentSlot, 'maxBytes'> & { maxMB: number };
type Values = { sections: TemplateSection[]; attachmentSlots: SlotValues[] };

const toValues = (t: FormTemplate): Values => ({
  sections: t.sections,
  attachmentSlots: t.attachmentSlots.map(({ maxBytes, ...s }) => ({ ...s, maxMB: Math.round((maxBytes / MB) * 10) / 10 })),
});
const fromValues = (v: Values): FormTemplate => ({
  sections: (v.sections ?? []).map((s) => ({ ...s, guidance: s.guidance ?? '', maxWords: s.maxWords ?? null, minWords: s.minWords ?? 0 })),
  attachmentSlots: (v.attachmentSlots ?? []).map(({ maxMB, ...s }) => ({
    ...s,
    guidance: s.guidance ?? '',
    maxBytes: Math.round(maxMB * MB),
  })),
});

/** A key not yet used in the list: s1, s2… (keys link saved answers to their section). */
function freshKey(prefix: string, used: string[]): string {
  for (let i = used.length + 1; ; i++) if (!used.includes(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** Server issue paths (sections.1.maxWords, attachmentSlots.0.maxBytes) onto the form's fields. */
function applyTemplateIssues(form: FormInstance<Values>, error: unknown): boolean {
  if (!isApiError(error) || error.issues.length === 0) return false;
  form.setFields(
    error.issues.map((issue) => {
      const parts = issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p === 'maxBytes' ? 'maxMB' : p));
      return { name: parts, errors: [issue.message] };
    }) as Parameters<typeof form.setFields>[0],
  );
  return true;
}

/** 表单模板: sections with word limits and attachment slots, per track. */
export function TemplateTab({ campaign }: { campaign: CampaignDto }) {
  const [trackId, setTrackId] = useState<number | null>(campaign.tracks[0]?.id ?? null);
  const track = campaign.tracks.find((tr) => tr.id === trackId) ?? null;
  const [form] = Form.useForm<Values>();
  const save = useSaveTemplate();
  const isMobile = useIsMobile();
  const editable = track?.abilities.update ?? false;

  useEffect(() => {
    if (track) {
      form.resetFields();
      form.setFieldsValue(toValues(track.formTemplate));
    }
  }, [track, form]);

  if (!track) return <Empty description="该活动没有类别" />;

  const onFinish = (v: Values) =>
    save.mutate(
      { trackId: track.id, template: fromValues(v) },
      {
        onSuccess: () => notifySuccess(`${track.name}:表单模板${t.saved}`),
        onError: (error) => {
          if (!applyTemplateIssues(form, error)) notifyError(errorMessage(error));
          else notifyError('模板中有内容需要修改,请查看标红的栏目');
        },
      },
    );
  const grow = { flex: isMobile ? '1 1 100%' : '1 1 200px', minWidth: 0 };

  return (
    <Flex vertical gap={12}>
      <Select
        aria-label="选择类别"
        style={{ maxWidth: 360 }}
        value={track.id}
        options={campaign.tracks.map((tr) => ({ value: tr.id, label: tr.name }))}
        onChange={(id: number) => setTrackId(id)}
      />
      {campaign.status !== 'draft' ? (
        <Alert type="info" showIcon title="活动已开始:修改模板会影响尚未提交的申报;已提交的申报保留提交时的版本,修改会记入审计日志。" />
      ) : null}
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={!editable || save.isPending} data-testid="template-form">
        <Typography.Title level={5}>正文栏目</Typography.Title>
        <Form.List name="sections">
          {(fields, { add, remove, move }) => (
            <Flex vertical gap={12}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  data-testid={`section-${i}`}
                  title={
                    <Form.Item noStyle shouldUpdate>
                      {() => `栏目 ${i + 1}:${form.getFieldValue(['sections', field.name, 'title']) ?? ''}`}
                    </Form.Item>
                  }
                  extra={
                    editable ? (
                      <ItemActions
                        noun="栏目"
                        deleteLabel="删除栏目"
                        index={i}
                        count={fields.length}
                        onMove={(to) => move(i, to)}
                        onRemove={() => remove(field.name)}
                      />
                    ) : null
                  }
                >
                  <Flex wrap gap={12}>
                    <Form.Item
                      name={[field.name, 'title']}
                      label="标题"
                      rules={[{ required: true, message: '请填写栏目标题' }]}
                      style={grow}
                    >
                      <Input maxLength={40} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'key']}
                      label="代码"
                      rules={[{ required: true, pattern: /^[a-z][a-z0-9_]*$/, message: '小写字母开头,只含小写字母、数字和下划线' }]}
                      style={{ width: 140 }}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} label="必填" valuePropName="checked">
                      <Switch />
                    </Form.Item>
                  </Flex>
                  <Form.Item name={[field.name, 'guidance']} label="填写说明">
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                  </Form.Item>
                  <Flex wrap gap={12}>
                    <Form.Item name={[field.name, 'minWords']} label="最少字数">
                      <InputNumber min={0} max={20000} precision={0} aria-label={`栏目 ${i + 1} 最少字数`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'maxWords']}
                      label="最多字数"
                      extra="留空为不限"
                      dependencies={[['sections', field.name, 'minWords']]}
                      rules={[
                        ({ getFieldValue }) => ({
                          validator: async (_, value: number | null) => {
                            const min = getFieldValue(['sections', field.name, 'minWords']) ?? 0;
                            if (value !== null && value !== undefined && value < min) throw new Error('字数上限不能小于下限');
                          },
                        }),
                      ]}
                    >
                      <InputNumber min={1} max={50000} precision={0} aria-label={`栏目 ${i + 1} 最多字数`} />
                    </Form.Item>
                  </Flex>
                </Card>
              ))}
              {editable ? (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({
                      key: freshKey('s', (form.getFieldValue('sections') as TemplateSection[] | undefined)?.map((s) => s.key) ?? []),
                      title: '',
                      guidance: '',
                      required: true,
                      minWords: 0,
                      maxWords: null,
                    })
                  }
                >
                  添加栏目
                </Button>
              ) : null}
            </Flex>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          附件栏目
        </Typography.Title>
        <Form.List name="attachmentSlots">
          {(fields, { add, remove, move }) => (
            <Flex vertical gap={12}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={
                    <Form.Item noStyle shouldUpdate>
                      {() => `附件 ${i + 1}:${form.getFieldValue(['attachmentSlots', field.name, 'label']) ?? ''}`}
                    </Form.Item>
                  }
                  extra={
                    editable ? (
                      <ItemActions
                        noun="附件"
                        deleteLabel="删除附件栏目"
                        index={i}
                        count={fields.length}
                        onMove={(to) => move(i, to)}
                        onRemove={() => remove(field.name)}
                      />
                    ) : null
                  }
                >
                  <Flex wrap gap={12}>
                    <Form.Item
                      name={[field.name, 'label']}
                      label="名称"
                      rules={[{ required: true, message: '请填写附件名称' }]}
                      style={grow}
                    >
                      <Input maxLength={40} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'key']}
                      label="代码"
                      rules={[{ required: true, pattern: /^[a-z][a-z0-9_]*$/, message: '小写字母开头,只含小写字母、数字和下划线' }]}
                      style={{ width: 140 }}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} label="必传" valuePropName="checked">
                      <Switch />
                    </Form.Item>
                    <Form.Item name={[field.name, 'requiredWhenPlanned']} label="尚待实施时必传" valuePropName="checked">
                      <Switch />
                    </Form.Item>
                  </Flex>
                  <Form.Item name={[field.name, 'guidance']} label="说明">
                    <Input maxLength={300} />
                  </Form.Item>
                  <Flex wrap gap={12}>
                    <Form.Item
                      name={[field.name, 'accept']}
                      label="允许的文件类型"
                      rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种文件类型' }]}
                      style={grow}
                    >
                      <Select<FileKind[]> mode="multiple" options={fileKinds.map((k) => ({ value: k, label: fileKindLabels[k] }))} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'maxMB']}
                      label="单个文件上限(MB)"
                      rules={[{ required: true, message: '请填写大小上限' }]}
                    >
                      <InputNumber min={0.1} max={200} step={1} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'maxFiles']} label="最多文件数">
                      <InputNumber min={1} max={20} precision={0} />
                    </Form.Item>
                  </Flex>
                </Card>
              ))}
              {editable ? (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({
                      key: freshKey('a', (form.getFieldValue('attachmentSlots') as SlotValues[] | undefined)?.map((s) => s.key) ?? []),
                      label: '',
                      guidance: '',
                      required: false,
                      requiredWhenPlanned: false,
                      accept: ['docx', 'pdf'],
                      maxMB: 20,
                      maxFiles: 1,
                    })
                  }
                >
                  添加附件栏目
                </Button>
              ) : null}
            </Flex>
          )}
        </Form.List>
        {editable ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>
            保存表单模板
          </Button>
        ) : null}
      </Form>
    </Flex>
  );
}

/** Move up, move down and delete for one card of an ordered list in the template. */
function ItemActions(props: {
  noun: string;
  deleteLabel: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { noun, deleteLabel, index, count, onMove, onRemove } = props;
  return (
    <Space size={4}>
      <Button
        size="small"
        type="text"
        icon={<ArrowUpOutlined />}
        aria-label={`上移${noun}`}
        disabled={index === 0}
        onClick={() => onMove(index - 1)}
      />
      <Button
        size="small"
        type="text"
        icon={<ArrowDownOutlined />}
        aria-label={`下移${noun}`}
        disabled={index === count - 1}
        onClick={() => onMove(index + 1)}
      />
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={deleteLabel} onClick={onRemove} />
    </Space>
  );
}
