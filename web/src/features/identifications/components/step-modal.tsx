import { Link } from 'react-router';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { visitModeLabels } from '../../../../../contracts/home-visits.ts';
import { appraisalResultLabels, appraisalResults, type IdentificationDto } from '../../../../../contracts/identifications.ts';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { dayjs, formatDate, toPlainDate } from '../../../lib/time.ts';
import { useCompletedVisits, useIdentificationStep, useLevels, type StepInput } from '../api/identifications-api.ts';

export type StepKind = 'link' | 'appraise' | 'propose' | 'reject' | 'confirm' | 'return' | 'adjust';

const titles: Record<StepKind, string> = {
  link: '关联家访',
  appraise: '录入民主评议结果',
  propose: '单位审核:拟定困难等级',
  reject: '单位审核:不予认定',
  confirm: '学院复核:确认',
  return: '学院复核:退回单位',
  adjust: '学期调整认定等级',
};

type Values = {
  homeVisitId?: number;
  result?: 'supported' | 'not_supported';
  levelId?: number;
  appraisedOn?: Dayjs;
  note?: string;
  reason?: string;
};

function toInput(kind: StepKind, v: Values): StepInput {
  switch (kind) {
    case 'link':
      return { step: 'link-visit', body: { homeVisitId: v.homeVisitId! } };
    case 'appraise':
      return {
        step: 'appraisal',
        body: {
          result: v.result!,
          suggestedLevelId: v.levelId ?? null,
          appraisedOn: toPlainDate(v.appraisedOn)!,
          note: v.note || undefined,
        },
      };
    case 'propose':
      return { step: 'review', body: { decision: 'propose', levelId: v.levelId!, reason: v.note || undefined } };
    case 'reject':
      return { step: 'review', body: { decision: 'reject', reason: v.reason ?? '' } };
    case 'confirm':
      return { step: 'recheck', body: { decision: 'confirm' } };
    case 'return':
      return { step: 'recheck', body: { decision: 'return', reason: v.reason ?? '' } };
    case 'adjust':
      return { step: 'adjust', body: { levelId: v.levelId!, reason: v.reason ?? '' } };
  }
}

/** One step of the pipeline as a small form; a refusal (e.g. 先家访后认定) is shown in it, with what to do. */
export function StepModal({ kind, item, onClose }: { kind: StepKind; item: IdentificationDto; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const step = useIdentificationStep();
  const levels = useLevels();
  const visits = useCompletedVisits(kind === 'link' ? item.student.id : null, item.schoolYear);
  const { message } = App.useApp();
  const levelOptions = (levels.data ?? []).filter((l) => l.active).map((l) => ({ value: l.id, label: l.name }));

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await step.mutateAsync({ id: item.id, input: toInput(kind, v) });
      void message.success(`${titles[kind]}:已完成`);
      onClose();
    } catch (error) {
      // Field issues go on their fields; any other refusal shows above the form (step.error).
      applyErrorToForm(form, error);
    }
  };
  const refusal = step.error && !(isApiError(step.error) && step.error.issues.length) ? errorMessage(step.error) : null;

  return (
    <Modal
      open
      title={`${titles[kind]} · ${item.student.name}`}
      okText={kind === 'return' ? '退回' : kind === 'reject' ? '不予认定' : '确定'}
      okButtonProps={{ danger: kind === 'reject' || kind === 'return' }}
      onOk={() => void submit()}
      confirmLoading={step.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          appraisedOn: dayjs(),
          levelId: kind === 'propose' ? (item.appraisal?.suggestedLevel?.id ?? item.application.requestedLevel?.id) : undefined,
        }}
      >
        {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="step-refusal" /> : null}
        {kind === 'link' ? (
          <>
            <Form.Item
              name="homeVisitId"
              label={`${item.student.name} ${item.schoolYear}学年已完成的家访`}
              rules={[{ required: true, message: '请选择家访记录' }]}
            >
              <Select
                loading={visits.isPending}
                notFoundContent="本学年还没有已完成的家访"
                options={(visits.data?.items ?? []).map((v) => ({
                  value: v.id,
                  label: `${formatDate(v.visitedOn)} · ${v.mode ? visitModeLabels[v.mode] : ''} · ${v.visitors.join('、')}`,
                }))}
              />
            </Form.Item>
            <Typography.Text type="secondary">
              没有可选的家访?请先到 <Link to="/home-visits">家访记录</Link> 新建并完成家访,完成后会自动关联。
            </Typography.Text>
          </>
        ) : null}
        {kind === 'appraise' ? (
          <>
            <Form.Item name="result" label="评议结果" rules={[{ required: true, message: '请选择评议结果' }]}>
              <Radio.Group options={appraisalResults.map((r) => ({ value: r, label: appraisalResultLabels[r] }))} />
            </Form.Item>
            <Form.Item name="levelId" label="建议等级(可不填)">
              <Select allowClear options={levelOptions} />
            </Form.Item>
            <Form.Item name="appraisedOn" label="评议日期" rules={[{ required: true, message: '请选择评议日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="note" label="评议说明">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder="如:评议小组 9 人,同意 8 人" />
            </Form.Item>
          </>
        ) : null}
        {kind === 'propose' || kind === 'adjust' ? (
          <Form.Item name="levelId" label={kind === 'adjust' ? '调整为' : '拟定等级'} rules={[{ required: true, message: '请选择等级' }]}>
            <Select options={levelOptions.filter((o) => kind !== 'adjust' || o.value !== item.level?.id)} />
          </Form.Item>
        ) : null}
        {kind === 'propose' ? (
          <Form.Item name="note" label="审核意见(可不填)">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        ) : null}
        {kind === 'reject' || kind === 'return' || kind === 'adjust' ? (
          <Form.Item
            name="reason"
            label={kind === 'reject' ? '不予认定的原因' : kind === 'return' ? '退回原因' : '调整原因'}
            rules={[{ required: true, min: 2, message: '请填写原因(至少 2 个字)' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        ) : null}
        {kind === 'confirm' ? (
          <Typography.Paragraph>
            确认 {item.student.name} 的认定等级为“{item.review?.proposedLevel?.name ?? '—'}”。确认后由单位发布公示。
          </Typography.Paragraph>
        ) : null}
      </Form>
    </Modal>
  );
}
