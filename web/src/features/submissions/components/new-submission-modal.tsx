import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Flex, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import { applyIssuesToForm } from '../../../lib/form-errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useCreateSubmission } from '../api/submissions-api.ts';

type Values = { trackId: number; subtypeId?: number; title?: string };

/** Choose the track (and, for the developmental-aid track, the sub-type), then the editor opens. */
export function NewSubmissionModal({ campaign, onClose }: { campaign: CampaignDto; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateSubmission();
  const navigate = useNavigate();
  const trackId = Form.useWatch('trackId', form);
  const track = campaign.tracks.find((t) => t.id === trackId);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const created = await create.mutateAsync({ trackId: v.trackId, subtypeId: v.subtypeId ?? null, title: v.title?.trim() || undefined });
      onClose();
      void navigate(`/submissions/${created.id}`);
    } catch (e) {
      if (!applyIssuesToForm(form, e)) setError(e instanceof Error ? e.message : '新建失败');
    }
  };

  return (
    <Modal
      open
      title="新建申报"
      okText="新建并开始填写"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onValuesChange={(changed: Partial<Values>) => 'trackId' in changed && form.setFieldValue('subtypeId', undefined)}
      >
        <Form.Item name="trackId" label="申报类别" rules={[{ required: true, message: '请选择申报类别' }]}>
          <Radio.Group style={{ width: '100%' }}>
            <Flex vertical gap={8}>
              {campaign.tracks.map((t) => (
                <Radio key={t.id} value={t.id}>
                  <Flex vertical>
                    <span>{t.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      每单位限报 {t.defaultQuota} 项{t.submissionClosesAt ? ` · ${formatDateTime(t.submissionClosesAt)} 截止` : ''}
                    </Typography.Text>
                  </Flex>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        {track?.subtypes.length ? (
          <Form.Item
            name="subtypeId"
            label="案例子类"
            rules={[{ required: true, message: '请选择案例子类' }]}
            extra={track.subtypes.find((s) => s.id === form.getFieldValue('subtypeId'))?.description}
          >
            <Select placeholder="请选择子类" options={track.subtypes.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="title" label={track?.kind === 'ambassador' ? '标题(如:宣传大使推荐——学生姓名)' : '项目名称(可稍后填写)'}>
          <Input maxLength={100} />
        </Form.Item>
        {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}
