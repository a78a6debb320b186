import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, EditOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  defaultReportSections,
  filingStateLabels,
  reopenReasonLabels,
  reopenReasons,
  type CellValue,
  type FilingCellDto,
  type FilingDto,
  type MetricDto,
  type ReopenReason,
  type ReportSection,
  type StatisticsColumn,
} from '../../../../../contracts/statistics.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { useMe } from '../../../lib/session.tsx';
import { exportPaths, useDownload, useFiling, useFilingActions, useReportUpload } from '../api/statistics-api.ts';
import { FilingTable, groupedRows } from './filing-table.tsx';
import { formatCell, formatTime } from './format.ts';
import { DownloadProgress } from './download-progress.tsx';
import { ReportText } from './report-text.tsx';
import { VersionsCard } from './versions-card.tsx';

const stateColor: Record<FilingDto['state'], string | undefined> = {
  not_started: undefined,
  draft: 'processing',
  signed_off: 'warning',
  submitted: 'success',
};

/** The column as a person names it: 发展型资助育人优秀案例·报送数 (three groups have a 报送数). */
export const columnLabel = (col: StatisticsColumn) => (col.group ? `${col.group}·${col.header}` : col.header);

const enteredOf = (filing: FilingDto) =>
  Object.fromEntries(filing.cells.filter((c) => c.kind !== 'computed').map((c) => [c.key, c.value])) as Record<string, CellValue>;
const sectionsOf = (filing: FilingDto) => (filing.reportSections.length > 0 ? filing.reportSections : defaultReportSections);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** One unit's 统计表 and 总结报告: computed figures marked, overrides with reasons, entered fields, report, sign-off and submission. */
export function FilingView({ campaignId, unitId, metrics = [] }: { campaignId: number; unitId: number; metrics?: MetricDto[] }) {
  const me = useMe();
  const metricOf = new Map(metrics.map((m) => [m.key, m]));
  const { data: filing, isLoading } = useFiling(campaignId, unitId);
  const actions = useFilingActions(campaignId, unitId);
  const uploadReport = useReportUpload(campaignId, unitId);
  const exporting = useDownload();
  const [overriding, setOverriding] = useState<{ col: StatisticsColumn; cell: FilingCellDto } | null>(null);
  const [reopening, setReopening] = useState(false);
  const [entered, setEntered] = useState<Record<string, CellValue>>({});
  const [sections, setSections] = useState<ReportSection[]>([]);
  const [progress, setProgress] = useState<number | null>(null);

  // Each card follows the server's copy of its own part only: saving the report keeps unsaved entries, and vice versa.
  const serverEntered = filing ? JSON.stringify(enteredOf(filing)) : null;
  const serverSections = filing ? JSON.stringify(sectionsOf(filing)) : null;
  useEffect(() => {
    if (serverEntered) setEntered(JSON.parse(serverEntered) as Record<string, CellValue>);
  }, [serverEntered]);
  useEffect(() => {
    if (serverSections) setSections(JSON.parse(serverSections) as ReportSection[]);
  }, [serverSections]);

  // Closing or reloading the tab with unsaved entries or report text asks first (nothing typed is lost silently).
  const unsaved = Boolean(
    filing?.abilities.edit && (JSON.stringify(entered) !== serverEntered || JSON.stringify(sections) !== serverSections),
  );
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  if (isLoading || !filing) return <Card loading />;
  const editable = filing.abilities.edit;
  const run = (p: Promise<unknown>, ok: string) => p.then(() => notifySuccess(ok)).catch((e: unknown) => notifyError(errorMessage(e)));
  const ownUnit = me.unit?.id === unitId;
  const isOfficer = ownUnit && me.roles.includes('unit_officer');
  const isLeader = ownUnit && me.roles.includes('unit_leader');
  const submitted = filing.state === 'submitted';
  const dirtyTable = editable && !same(entered, enteredOf(filing));
  const dirtyReport = editable && !same(sections, sectionsOf(filing));
  const dirty = dirtyTable || dirtyReport;
  const latest = filing.versions[filing.versions.length - 1];

  const renderValue = (col: StatisticsColumn, cell: FilingCellDto) => {
    if (col.kind === 'computed') {
      const o = cell.override;
      return (
        <Space direction="vertical" size={2}>
          <Space wrap size={6}>
            <Typography.Text strong data-testid={`value-${col.key}`}>
              {formatCell(col, cell.value)}
            </Typography.Text>
            {o ? <Tag color="orange">已更正</Tag> : <Tag color="blue">自动统计</Tag>}
            {editable ? (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setOverriding({ col, cell })}
                aria-label={`更正${columnLabel(col)}`}
              >
                更正
              </Button>
            ) : null}
          </Space>
          {o ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              系统统计 {formatCell(col, o.computedAtOverride)}
              {!submitted && o.computedAtOverride !== cell.computed ? `(记录有变化,今日统计为 ${formatCell(col, cell.computed)})` : ''}
              ,更正理由:{o.reason}
              {editable ? (
                <Button type="link" size="small" onClick={() => run(actions.clearOverride.mutateAsync(col.key), '已恢复自动统计值')}>
                  撤销更正
                </Button>
              ) : null}
            </Typography.Text>
          ) : null}
          {cell.differsFromToday ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              报送后记录有变化,今日统计为 {formatCell(col, cell.computed)}
            </Typography.Text>
          ) : null}
        </Space>
      );
    }
    const v = editable ? entered[col.key] : cell.value;
    if (!editable) return <Typography.Text strong>{formatCell(col, v ?? null)}</Typography.Text>;
    const label = columnLabel(col);
    if (col.kind === 'number')
      return (
        <InputNumber
          aria-label={col.header}
          title={label}
          min={0}
          placeholder="没有请填 0"
          value={typeof v === 'number' ? v : null}
          onChange={(n) => setEntered({ ...entered, [col.key]: n ?? null })}
          style={{ width: '100%', maxWidth: 240 }}
        />
      );
    if (col.kind === 'boolean')
      return (
        <Select
          aria-label={col.header}
          placeholder="请选择"
          allowClear
          style={{ width: 120 }}
          value={typeof v === 'boolean' ? v : undefined}
          onChange={(b?: boolean) => setEntered({ ...entered, [col.key]: b ?? null })}
          options={[
            { value: true, label: '是' },
            { value: false, label: '否' },
          ]}
        />
      );
    return (
      <Input
        aria-label={col.header}
        placeholder="选填"
        value={typeof v === 'string' ? v : ''}
        maxLength={500}
        onChange={(e) => setEntered({ ...entered, [col.key]: e.target.value })}
      />
    );
  };

  const beforeUpload = (file: File) => {
    setProgress(0);
    uploadReport(file, setProgress)
      .then(() => notifySuccess('总结报告已上传'))
      .catch((e: unknown) => notifyError(errorMessage(e)))
      .finally(() => setProgress(null));
    return Upload.LIST_IGNORE;
  };

  const banner = (() => {
    if (submitted)
      return {
        type: 'success' as const,
        text: `已于 ${formatTime(filing.submittedAt!)} 报送${latest ? `(第 ${latest.version} 版,${latest.by} 报送)` : ''},统计表和总结报告已锁定。${
          filing.abilities.reopen ? '如该单位需要更正,可“重新开放”。' : '如需更正,请联系学院管理员重新开放。'
        }`,
      };
    if (dirty)
      return {
        type: 'warning' as const,
        text: `有未保存的修改(${[dirtyTable ? '填报栏目' : '', dirtyReport ? '总结报告' : ''].filter(Boolean).join('、')}):请先保存,再请分管领导签批或报送。`,
      };
    if (isOfficer && filing.whyNot.submit) return { type: 'info' as const, text: `暂不能报送:${filing.whyNot.submit}` };
    if (isOfficer) return { type: 'info' as const, text: '已经分管领导签批,可以报送。报送后统计表和报告将锁定。' };
    if (isLeader && filing.abilities.signOff)
      return {
        type: 'info' as const,
        text: `请核对本单位的统计表和总结报告,确认无误后签批第 ${filing.version} 版。签批后如再修改,须重新签批。`,
      };
    if (isLeader && filing.state === 'signed_off')
      return { type: 'info' as const, text: `您已签批当前版本(第 ${filing.version} 版),请本单位资助管理员报送。` };
    if (isLeader && filing.whyNot.signOff) return { type: 'info' as const, text: filing.whyNot.signOff };
    if (!ownUnit) return { type: 'info' as const, text: '该单位尚未报送:以下为当前草稿,自动统计的数值为今天的实时统计。' };
    return null;
  })();

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Flex wrap gap={12} justify="space-between" align="center">
          <Space wrap>
            <Typography.Text strong>{filing.unit.name}</Typography.Text>
            <Tag color={stateColor[filing.state]} data-testid="filing-state">
              {filingStateLabels[filing.state]}
            </Tag>
            <Typography.Text type="secondary">
              截止 {formatTime(filing.deadlineAt)} · 第 {filing.version} 版
            </Typography.Text>
            {filing.signedOff ? (
              <Typography.Text type="secondary">
                {filing.signedOff.by} 于 {formatTime(filing.signedOff.at)} 签批第 {filing.signedOff.version} 版
                {filing.signedOff.version !== filing.version && !submitted ? '(之后有修改,须重新签批)' : ''}
              </Typography.Text>
            ) : null}
          </Space>
          <Space wrap>
            {isLeader && !submitted ? (
              <Tooltip title={dirty ? '有未保存的修改' : filing.whyNot.signOff}>
                <Button
                  type="primary"
                  disabled={!filing.abilities.signOff || dirty}
                  onClick={() => run(actions.signOff.mutateAsync(undefined), '已签批当前版本')}
                >
                  分管领导签批
                </Button>
              </Tooltip>
            ) : null}
            {isOfficer && !submitted ? (
              <Tooltip title={dirty ? '有未保存的修改,请先保存' : filing.whyNot.submit}>
                <Button
                  type="primary"
                  disabled={!filing.abilities.submit || dirty}
                  loading={actions.submit.isPending}
                  onClick={() => run(actions.submit.mutateAsync(undefined), '已报送,统计表已锁定')}
                >
                  报送
                </Button>
              </Tooltip>
            ) : null}
            {filing.abilities.reopen ? <Button onClick={() => setReopening(true)}>重新开放</Button> : null}
            <Button
              icon={<DownloadOutlined />}
              loading={exporting.busy !== null}
              onClick={() => exporting.start('table', exportPaths.unitTable(campaignId, unitId), '统计表.xlsx')}
            >
              导出本单位统计表
            </Button>
          </Space>
        </Flex>
        {banner ? <Alert style={{ marginTop: 12 }} type={banner.type} showIcon message={banner.text} data-testid="filing-banner" /> : null}
        {filing.reopened && !submitted ? (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            message={`学院已于 ${formatTime(filing.reopened.at)} 重新开放(${reopenReasonLabels[filing.reopened.reason as ReopenReason] ?? filing.reopened.reason})${filing.reopened.note ? `:${filing.reopened.note}` : ''}。修改后须再经分管领导签批并重新报送。`}
          />
        ) : null}
        <DownloadProgress state={exporting} />
      </Card>

      <Card
        size="small"
        title="统计表"
        extra={
          editable ? (
            <Button
              type="primary"
              loading={actions.saveValues.isPending}
              disabled={!dirtyTable}
              onClick={() => run(actions.saveValues.mutateAsync(entered), '填报栏目已保存')}
            >
              保存填报栏目
            </Button>
          ) : null
        }
      >
        {editable ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            <Tag color="blue">自动统计</Tag>
            的数值由平台根据本单位记录实时统计,有误时点“更正”并说明理由(系统值同时保留);其余栏目由本单位填写。
          </Typography.Paragraph>
        ) : null}
        <FilingTable
          rows={groupedRows(filing.columns, (i) => filing.cells[i]!)}
          metrics={metricOf}
          renderValue={renderValue}
          testId="filing-table"
        />
        {dirtyTable ? (
          // On a phone the entered columns are at the bottom, far from the button above: save from here too.
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Button
              type="primary"
              loading={actions.saveValues.isPending}
              onClick={() => run(actions.saveValues.mutateAsync(entered), '填报栏目已保存')}
            >
              保存填报
            </Button>
          </Flex>
        ) : null}
      </Card>

      <Card
        size="small"
        title="总结报告"
        extra={
          editable ? (
            <Button
              loading={actions.saveReport.isPending}
              disabled={!dirtyReport}
              onClick={() => run(actions.saveReport.mutateAsync(sections), '总结报告已保存')}
            >
              保存报告
            </Button>
          ) : null
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {editable ? (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                填写以下各节正文,或上传 Word/PDF 文件,有其一即可报送。请勿写入学生身份证号、电话、住址等个人信息。
              </Typography.Text>
              {sections.map((s, i) => (
                <div key={i}>
                  <Typography.Text strong>{s.title}</Typography.Text>
                  <Input.TextArea
                    aria-label={s.title}
                    autoSize={{ minRows: 3, maxRows: 12 }}
                    value={s.body}
                    onChange={(e) => setSections(sections.map((x, k) => (k === i ? { ...x, body: e.target.value } : x)))}
                  />
                </div>
              ))}
            </>
          ) : (
            <ReportText sections={filing.reportSections} />
          )}
          <Flex wrap gap={8} align="center">
            {filing.reportFile ? (
              <Button
                type="link"
                icon={<PaperClipOutlined />}
                onClick={() => exporting.start('report', exportPaths.reportFile(campaignId, unitId), filing.reportFile!.name)}
              >
                {filing.reportFile.name}
              </Button>
            ) : (
              <Typography.Text type="secondary">未上传报告文件</Typography.Text>
            )}
            {editable ? (
              <Upload accept=".docx,.pdf" showUploadList={false} beforeUpload={beforeUpload}>
                <Button icon={<UploadOutlined />}>{filing.reportFile ? '重新上传' : '上传 Word/PDF'}</Button>
              </Upload>
            ) : null}
            {progress !== null ? <Progress percent={progress} size="small" style={{ width: 160 }} /> : null}
          </Flex>
        </Space>
      </Card>

      <VersionsCard campaignId={campaignId} unitId={unitId} versions={filing.versions} metrics={metricOf} />

      <OverrideDialog
        target={overriding}
        onClose={() => setOverriding(null)}
        onSave={(value, reason) => actions.override.mutateAsync({ key: overriding!.col.key, value, reason })}
      />
      <ReopenDialog open={reopening} onClose={() => setReopening(false)} onSave={(input) => actions.reopen.mutateAsync(input)} />
    </Space>
  );
}

function OverrideDialog({
  target,
  onClose,
  onSave,
}: {
  target: { col: StatisticsColumn; cell: FilingCellDto } | null;
  onClose: () => void;
  onSave: (value: number, reason: string) => Promise<unknown>;
}) {
  const [form] = Form.useForm<{ value: number; reason: string }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (target)
      form.setFieldsValue({
        value: (target.cell.override?.value ?? target.cell.computed ?? 0) as number,
        reason: target.cell.override?.reason ?? '',
      });
  }, [target, form]);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await onSave(v.value, v.reason);
      notifySuccess('已更正,系统统计值同时保留');
      onClose();
    } catch (e) {
      if (!applyErrorToForm(form, e)) notifyError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={target !== null}
      title={`更正:${target ? columnLabel(target.col) : ''}`}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText="保存更正"
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        平台根据本单位记录统计为 <Typography.Text strong>{target ? formatCell(target.col, target.cell.computed) : ''}</Typography.Text>
        。更正后两个数值都会保留,学院汇总表和导出的 Excel 中会标出更正及理由。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="value" label="更正后的数值" rules={[{ required: true, message: '请填写更正后的数值' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="更正理由" rules={[{ required: true, min: 4, message: '请说明更正理由(至少 4 个字)' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如:另有一项案例线下报送,未在平台登记" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReopenDialog({
  open,
  onClose,
  onSave,
}: {
  open: boolean;
  onClose: () => void;
  onSave: (input: { reason: ReopenReason; note?: string }) => Promise<unknown>;
}) {
  const [form] = Form.useForm<{ reason: ReopenReason; note?: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await onSave(v);
      notifySuccess('已重新开放,该单位可修改后再次报送');
      onClose();
    } catch (e) {
      notifyError(errorMessage(e));
    }
  };
  return (
    <Modal open={open} title="重新开放填报" onCancel={onClose} onOk={() => void submit()} okText="重新开放" destroyOnHidden>
      <Typography.Paragraph type="secondary">
        重新开放后该单位可以修改(截止时间已过也可以),须重新签批并报送;已报送的版本仍保留在“报送记录”中。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请选择重新开放的原因' }]}>
          <Select options={reopenReasons.map((r) => ({ value: r, label: reopenReasonLabels[r] }))} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
