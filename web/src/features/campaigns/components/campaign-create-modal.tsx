import { useEffect } from 'react';
import { Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { campaignYear, copyCampaignInput, defaultEligibility, type CampaignDto } from '../../../../../contracts/campaigns.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { applyIssuesToForm, zodRule } from '../../../lib/form-errors.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useCopyCampaign, useCreateCampaign } from '../api/campaigns-api.ts';

type Values = { year: number; title: string };

export const titleFor = (year: number) => `${year}年“苏乡永助”资助育人主题活动`;

/**
 * New campaign (the notice's four tracks, empty deadlines) or a copy of
 * `source` for another year (everything but the deadlines' year carried over).
 */
export function CampaignCreateModal({
  open,
  source,
  suggestedYear,
  onClose,
}: {
  open: boolean;
  source: CampaignDto | null;
  suggestedYear: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const create = useCreateCampaign();
  const copy = useCopyCampaign();
  const saving = create.isPending || copy.isPending;

  useEffect(() => {
    if (open) form.setFieldsValue({ year: suggestedYear, title: titleFor(suggestedYear) });
  }, [open, suggestedYear, form]);

  const onError = (error: unknown) => {
    if (applyIssuesToForm(form, error)) return;
    if (isApiError(error) && error.code === 'campaign_year_taken') form.setFields([{ name: 'year', errors: [error.message] }]);
    else if (isApiError(error)) form.setFields([{ name: 'title', errors: [error.message] }]);
  };
  const done = (campaign: CampaignDto) => {
    notifySuccess(source ? `已复制为 ${campaign.year} 年活动` : `已新建 ${campaign.year} 年活动`);
    onClose();
    void navigate(`/admin/campaigns/${campaign.id}`);
  };
  const onFinish = (values: Values) => {
    if (source) copy.mutate({ id: source.id, input: values }, { onSuccess: done, onError });
    else create.mutate({ ...values, eligibility: defaultEligibility }, { onSuccess: done, onError });
  };

  return (
    <Modal
      open={open}
      title={source ? `复制“${source.title}”到新一年` : '新建主题活动'}
      okText={source ? '复制' : '新建'}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">
        {source
          ? '将复制全部类别、子类、表单模板、名额(含各单位名额)、牵头单位和牵头人;各截止时间顺延相应整年。新活动为“筹备中”,通知附件不复制。'
          : '新活动带有通知的四个默认类别、默认表单模板和名额(每单位 2 项、向上推荐 3 项);截止时间、牵头单位和牵头人请在“类别设置”中填写。'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={saving}>
        <Form.Item name="year" label="年份" required rules={[zodRule(campaignYear)]}>
          <InputNumber
            style={{ width: '100%' }}
            precision={0}
            onChange={(year) => {
              if (typeof year === 'number') form.setFieldValue('title', titleFor(year));
            }}
          />
        </Form.Item>
        <Form.Item name="title" label="活动名称" required rules={[zodRule(copyCampaignInput.shape.title)]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
