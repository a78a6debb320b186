import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ambassadorActivityKinds, ambassadorActivityLabels } from '../../../../../contracts/priorities.ts';
import type { AmbassadorActivityDto, ActivityInput, SubmissionDetail } from '../../../../../contracts/submissions.ts';
import type { FileKind } from '../../../../../contracts/form-template.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyIssuesToForm } from '../../../lib/form-errors.ts';
import { notifyError } from '../../../lib/notify.ts';
import type { Dayjs } from 'dayjs';
import { dayjs, toPlainDate } from '../../../lib/time.ts';
import { deleteActivity, removeEvidence, saveActivity, uploadEvidence } from '../api/submissions-api.ts';
import { FileUploader } from './file-uploader.tsx';

const showError = (error: unknown) => notifyError(errorMessage(error));

type FormValues = Omit<ActivityInput, 'heldOn'> & { heldOn: Dayjs | null };

const kindOptions = ambassadorActivityKinds.map((k) => ({ value: k, label: ambassadorActivityLabels[k] }));

/** The evidence rules the server applies: the template's evidence slot, else photos, documents and videos to 100 MB. */
function evidenceRules(detail: SubmissionDetail): { accept: FileKind[]; maxBytes: number } {
  const slot = detail.template.attachmentSlots.find((s) => s.key === 'evidence');
  return { accept: slot?.accept ?? ['jpg', 'png', 'pdf', 'docx', 'mp4', 'zip'], maxBytes: slot?.maxBytes ?? 100 * 1024 * 1024 };
}

function ActivityModal({
  detail,
  editing,
  onClose,
  onSaved,
}: {
  detail: SubmissionDetail;
  editing: AmbassadorActivityDto | null;
  onClose: () => void;
  onSaved: (d: SubmissionDetail) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial: Partial<FormValues> = editing
    ? { ...editing, heldOn: dayjs(editing.heldOn), description: editing.description ?? '' }
    : { kind: 'policy_talk', audience: 0, heldOn: null };
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const input: ActivityInput = { ...v, heldOn: toPlainDate(v.heldOn) ?? '', description: v.description || null };
      onSaved(await saveActivity(detail.id, editing?.id ?? null, input));
      onClose();
    } catch (e) {
      if (!applyIssuesToForm(form, e)) setError(e instanceof Error ? e.message : '保存失败');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={editing ? '修改宣传活动' : '新增宣传活动'}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="保存"
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark>
        <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
          <Select options={kindOptions} />
        </Form.Item>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="heldOn" label="活动日期" rules={[{ required: true, message: '请选择活动日期' }]} style={{ flex: '1 1 140px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="audience" label="受众人数" rules={[{ required: true, message: '请填写受众人数' }]} style={{ flex: '1 1 120px' }}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="place" label="活动地点" rules={[{ required: true, whitespace: true, message: '请填写活动地点' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label="活动简介">
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} showCount />
        </Form.Item>
        {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}

/** The ambassador's publicity log: the notice's four kinds (plus other), each with its evidence. */
export function ActivitiesEditor({
  detail,
  readOnly,
  onChanged,
}: {
  detail: SubmissionDetail;
  readOnly: boolean;
  onChanged: (d: SubmissionDetail) => void;
}) {
  const [editing, setEditing] = useState<{ activity: AmbassadorActivityDto | null } | null>(null);
  const rules = evidenceRules(detail);
  return (
    <Flex vertical gap={12}>
      {detail.activities.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未记录宣传活动" /> : null}
      {detail.activities.map((a) => (
        <Card
          key={a.id}
          size="small"
          title={
            <Flex wrap gap={8} align="center">
              <Tag color="red">{ambassadorActivityLabels[a.kind]}</Tag>
              <span style={{ whiteSpace: 'normal' }}>{a.title}</span>
            </Flex>
          }
          extra={
            readOnly ? null : (
              <Flex gap={4}>
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label="修改活动"
                  onClick={() => setEditing({ activity: a })}
                />
                <Popconfirm
                  title="删除这条活动记录及其佐证?"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => deleteActivity(detail.id, a.id).then(onChanged, showError)}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除活动" />
                </Popconfirm>
              </Flex>
            )
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {a.heldOn} · {a.place} · 受众 {a.audience} 人
          </Typography.Paragraph>
          {a.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Typography.Paragraph> : null}
          <Typography.Text strong style={{ fontSize: 13 }}>
            佐证材料
          </Typography.Text>
          <FileUploader
            label="活动佐证"
            accept={rules.accept}
            maxBytes={rules.maxBytes}
            maxFiles={10}
            files={a.evidence.map((f) => ({
              key: f.id,
              file: f,
              onRemove: () => removeEvidence(detail.id, a.id, f.id).then(onChanged, showError),
            }))}
            upload={(file, onProgress) => uploadEvidence(detail.id, a.id, file, onProgress)}
            onUploaded={onChanged}
            readOnly={readOnly}
          />
        </Card>
      ))}
      {readOnly ? null : (
        <Button icon={<PlusOutlined />} onClick={() => setEditing({ activity: null })} style={{ alignSelf: 'flex-start' }}>
          新增宣传活动
        </Button>
      )}
      {editing ? <ActivityModal detail={detail} editing={editing.activity} onClose={() => setEditing(null)} onSaved={onChanged} /> : null}
    </Flex>
  );
}
