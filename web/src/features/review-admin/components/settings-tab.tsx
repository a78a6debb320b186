import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Switch, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { messageFor } from '../../../../../contracts/reasons.ts';
import type { ReviewSettingsDto } from '../../../../../contracts/review-assignment.ts';
import { defaultRubric, type RubricCriterion } from '../../../../../contracts/review.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useReviewSettings, useSaveReviewSettings } from '../api/review-admin-api.ts';
import { fromPickerValue, toPickerValue } from '../lib/picker-time.ts';

interface Values {
  reviewersPerCase: number;
  reviewClosesAt: Dayjs | null;
  blindReview: boolean;
  spreadThreshold: number;
  criteria: RubricCriterion[];
}

/** A key for a new criterion that no other row has (keys are data, people see only the label). */
function nextKey(criteria: readonly Partial<RubricCriterion>[]): string {
  const used = new Set(criteria.map((c) => c?.key));
  let n = criteria.length + 1;
  while (used.has(`criterion_${n}`)) n += 1;
  return `criterion_${n}`;
}

export function SettingsTab({ trackId }: { trackId: number }) {
  const settings = useReviewSettings(trackId);
  if (!settings.data) return <Card loading />;
  return <SettingsForm key={`${trackId}-${settings.dataUpdatedAt}`} settings={settings.data} />;
}

function SettingsForm({ settings }: { settings: ReviewSettingsDto }) {
  const [form] = Form.useForm<Values>();
  const save = useSaveReviewSettings(settings.trackId);
  const isMobile = useIsMobile();
  const [useDefault, setUseDefault] = useState(settings.rubricIsDefault);
  const criteria = Form.useWatch('criteria', form) ?? settings.rubric.criteria;
  const total = criteria.reduce((sum, c) => sum + (Number(c?.weight) || 0), 0);
  const editable = settings.abilities.update.allowed;
  const rubricEditable = settings.abilities.changeRubric.allowed;

  useEffect(() => {
    form.setFieldsValue({
      reviewersPerCase: settings.reviewersPerCase,
      reviewClosesAt: toPickerValue(settings.reviewClosesAt),
      blindReview: settings.blindReview,
      spreadThreshold: settings.spreadThreshold,
      criteria: settings.rubric.criteria,
    });
  }, [settings, form]);

  const onFinish = (v: Values) =>
    save.mutate(
      {
        reviewersPerCase: v.reviewersPerCase,
        reviewClosesAt: fromPickerValue(v.reviewClosesAt),
        blindReview: v.blindReview,
        spreadThreshold: v.spreadThreshold,
        rubric: useDefault
          ? null
          : { criteria: v.criteria.map((c) => ({ ...c, label: c.label.trim(), guidance: (c.guidance ?? '').trim() })) },
      },
      {
        onSuccess: () => notifySuccess(`${settings.trackName}:评审设置已保存`),
        onError: (error) => {
          if (!applyErrorToForm(form, error, { review_closes_in_past: 'reviewClosesAt' })) notifyError(errorMessage(error));
        },
      },
    );

  const half = { flex: isMobile ? '1 1 100%' : '1 1 200px', minWidth: 0 };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={!editable || save.isPending}
      onValuesChange={(changed: Partial<Values>) => {
        if (changed.criteria) setUseDefault(false);
      }}
      data-testid="review-settings-form"
    >
      {!editable ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={messageFor(settings.abilities.update.whyNot ?? 'forbidden')} />
      ) : null}
      <Card size="small" title="评审安排" style={{ marginBottom: 16 }}>
        <Flex wrap gap={16}>
          <Form.Item
            name="reviewersPerCase"
            label="每个案例的评审专家数"
            rules={[{ required: true, message: '请填写专家数' }]}
            style={half}
          >
            <InputNumber min={1} max={9} style={{ width: '100%' }} aria-label="每个案例的评审专家数" />
          </Form.Item>
          <Form.Item name="reviewClosesAt" label="评审截止时间(北京时间)" style={half}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} aria-label="评审截止时间" />
          </Form.Item>
          <Form.Item
            name="spreadThreshold"
            label="分差提示阈值(百分制)"
            extra="专家总分相差超过此值的案例提示讨论"
            rules={[{ required: true, message: '请填写阈值' }]}
            style={half}
          >
            <InputNumber min={0} max={100} style={{ width: '100%' }} aria-label="分差提示阈值" />
          </Form.Item>
          <Form.Item name="blindReview" label="匿名评审" valuePropName="checked" extra="评审时隐藏申报单位和人员姓名" style={half}>
            <Switch aria-label="匿名评审" />
          </Form.Item>
        </Flex>
      </Card>

      <Card
        size="small"
        title={
          <Flex wrap gap={8} align="center">
            <span>评分细则</span>
            {useDefault ? <Tag>默认细则</Tag> : <Tag color="blue">本类别自定义</Tag>}
          </Flex>
        }
        extra={
          <Tooltip title={rubricEditable ? undefined : messageFor(settings.abilities.changeRubric.whyNot ?? 'forbidden')}>
            <Button
              size="small"
              icon={<UndoOutlined />}
              disabled={!rubricEditable || useDefault}
              onClick={() => {
                form.setFieldValue('criteria', defaultRubric(settings.kind).criteria);
                setUseDefault(true);
              }}
            >
              恢复默认
            </Button>
          </Tooltip>
        }
      >
        {!rubricEditable && editable ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={messageFor(settings.abilities.changeRubric.whyNot ?? 'forbidden')}
          />
        ) : null}
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.map((field, index) => (
                <Card key={field.key} size="small" type="inner" data-testid={`criterion-${index}`}>
                  <Form.Item name={[field.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Flex wrap gap={12} align="flex-start">
                    <Form.Item
                      name={[field.name, 'label']}
                      label={`评分项 ${index + 1}`}
                      rules={[{ required: true, whitespace: true, message: '请填写评分项名称' }]}
                      style={{ flex: isMobile ? '1 1 100%' : '2 1 220px', minWidth: 0, marginBottom: 8 }}
                    >
                      <Input maxLength={60} disabled={!rubricEditable || !editable} aria-label={`评分项 ${index + 1} 名称`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'weight']}
                      label="权重"
                      rules={[{ required: true, message: '请填写权重' }]}
                      style={{ width: 100, marginBottom: 8 }}
                    >
                      <InputNumber min={1} max={100} disabled={!rubricEditable || !editable} aria-label={`评分项 ${index + 1} 权重`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'scale']}
                      label="满分"
                      rules={[{ required: true, message: '请填写满分' }]}
                      style={{ width: 100, marginBottom: 8 }}
                    >
                      <InputNumber min={1} max={100} disabled={!rubricEditable || !editable} aria-label={`评分项 ${index + 1} 满分`} />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除评分项 ${index + 1}`}
                      disabled={!rubricEditable || !editable || fields.length <= 1}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: isMobile ? 0 : 30 }}
                    />
                  </Flex>
                  <Form.Item name={[field.name, 'guidance']} label="评分说明" style={{ marginBottom: 0 }}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} disabled={!rubricEditable || !editable} />
                  </Form.Item>
                </Card>
              ))}
              <Flex wrap justify="space-between" align="center" gap={8}>
                <Button
                  icon={<PlusOutlined />}
                  disabled={!rubricEditable || !editable || fields.length >= 12}
                  onClick={() => add({ key: nextKey(criteria), label: '', weight: 10, scale: 10, guidance: '' })}
                >
                  添加评分项
                </Button>
                <Typography.Text type={total === 100 ? 'success' : 'danger'} strong data-testid="weight-total">
                  权重合计 {total} / 100{total === 100 ? '' : total < 100 ? `(还差 ${100 - total})` : `(超出 ${total - 100})`}
                </Typography.Text>
              </Flex>
            </Flex>
          )}
        </Form.List>
      </Card>

      <Flex justify="flex-end" style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!editable || (!useDefault && total !== 100)}>
          保存评审设置
        </Button>
      </Flex>
    </Form>
  );
}
