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
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, EditOutlined, PaperClipOutlined, QuestionCircleOutlined, UploadOutlined } from '@ant-design/icons';
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
import { download, exportPaths, useFiling, useFilingActions, useReportUpload } from '../api/statistics-api.ts';
import { formatCell, formatTime } from './format.ts';

const stateColor: Record<FilingDto['state'], string | undefined> = {
  not_started: undefined,
  draft: 'processing',
  signed_off: 'warning',
  submitted: 'success',
};

type Row = { col: StatisticsColumn; cell: FilingCellDto };

/** One unit's 统计表 and 总结报告: computed figures marked, overrides with reasons, entered fields, report, sign-off and submission. */
export function FilingView({ campaignId, unitId, metrics = [] }: { campaignId: number; unitId: number; metrics?: MetricDto[] }) {
  const metricOf = new Map(metrics.map((m) => [m.key, m]));
  const { data: filing, isLoading } = useFiling(campaignId, unitId);
  const actions = useFilingActions(campaignId, unitId);
  const uploadReport = useReportUpload(campaignId, unitId);
  const [overriding, setOverriding] = useState<Row | null>(null);
  const [reopening, setReopening] = useState(false);
  const [entered, setEntered] = useState<Record<string, CellValue>>({});
  const [sections, setSections] = useState<ReportSection[]>([]);
  const [progress, setProgress] = useState<number | null>(null);

  useEffect(() => {
    if (!filing) return;
    setEntered(Object.fromEntries(filing.cells.filter((c) => c.kind !== 'computed').map((c) => [c.key, c.value])));
    setSections(filing.reportSections.length > 0 ? filing.reportSections : defaultReportSections);
  }, [filing]);

  if (isLoading || !filing) return <Card loading />;
  const editable = filing.abilities.edit;
  const rows: Row[] = filing.columns.map((col, i) => ({ col, cell: filing.cells[i]! }));
  const run = (p: Promise<unknown>, ok: string) => p.then(() => notifySuccess(ok)).catch((e: unknown) => notifyError(errorMessage(e)));

  const columns: TableColumnsType<Row> = [
    {
      title: '栏目',
      key: 'header',
      render: (_, { col }) => (
        <span>
          {col.group ? <Typography.Text type="secondary">{col.group} / </Typography.Text> : null}
          {col.header}
          {col.kind === 'computed' && metricOf.get(col.metric ?? '') ? (
            <Tooltip title={[metricOf.get(col.metric!)!.description, metricOf.get(col.metric!)!.note].filter(Boolean).join(' ')}>
              <QuestionCircleOutlined style={{ marginLeft: 4, color: '#8c8c8c' }} aria-label={`${col.header}的统计口径`} />
            </Tooltip>
          ) : null}
        </span>
      ),
    },
    {
      title: '数值',
      key: 'value',
      width: 260,
      render: (_, { col, cell }) => {
        if (col.kind === 'computed') {
          return (
            <Space direction="vertical" size={2}>
              <Space wrap>
                <Typography.Text strong data-testid={`value-${col.key}`}>
                  {formatCell(col, cell.value)}
                </Typography.Text>
                {cell.override ? <Tag color="orange">已更正</Tag> : <Tag color="blue">自动统计</Tag>}
                {editable ? (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setOverriding({ col, cell })}
                    aria-label={`更正${col.header}`}
                  >
                    更正
                  </Button>
                ) : null}
              </Space>
              {cell.override ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  系统统计 {formatCell(col, cell.override.computedAtOverride)},更正理由:{cell.override.reason}
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
        if (!editable) return formatCell(col, v ?? null);
        if (col.kind === 'number')
          return (
            <InputNumber
              aria-label={col.header}
              min={0}
              value={typeof v === 'number' ? v : null}
              onChange={(n) => setEntered({ ...entered, [col.key]: n ?? null })}
              style={{ width: '100%' }}
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
            value={typeof v === 'string' ? v : ''}
            maxLength={500}
            onChange={(e) => setEntered({ ...entered, [col.key]: e.target.value })}
          />
        );
      },
    },
  ];

  const beforeUpload = (file: File) => {
    setProgress(0);
    uploadReport(file, setProgress)
      .then(() => notifySuccess('总结报告已上传'))
      .catch((e: unknown) => notifyError(errorMessage(e)))
      .finally(() => setProgress(null));
    return Upload.LIST_IGNORE;
  };

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
              </Typography.Text>
            ) : null}
          </Space>
          <Space wrap>
            <Tooltip title={filing.whyNot.signOff}>
              <Button disabled={!filing.abilities.signOff} onClick={() => run(actions.signOff.mutateAsync(undefined), '已签批当前版本')}>
                分管领导签批
              </Button>
            </Tooltip>
            <Tooltip title={filing.whyNot.submit}>
              <Button
                type="primary"
                disabled={!filing.abilities.submit}
                onClick={() => run(actions.submit.mutateAsync(undefined), '已报送,统计表已锁定')}
              >
                报送
              </Button>
            </Tooltip>
            {filing.abilities.reopen ? <Button onClick={() => setReopening(true)}>重新开放</Button> : null}
            <Button icon={<DownloadOutlined />} onClick={() => void download(exportPaths.unitTable(campaignId, unitId), '统计表.xlsx')}>
              导出本单位统计表
            </Button>
          </Space>
        </Flex>
        {filing.whyNot.submit && filing.state !== 'submitted' ? (
          <Alert style={{ marginTop: 12 }} type="info" showIcon message={`暂不能报送:${filing.whyNot.submit}`} />
        ) : null}
        {filing.reopened && filing.state !== 'submitted' ? (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            message={`学院已于 ${formatTime(filing.reopened.at)} 重新开放(${reopenReasonLabels[filing.reopened.reason as ReopenReason] ?? filing.reopened.reason})${filing.reopened.note ? `:${filing.reopened.note}` : ''}`}
          />
        ) : null}
      </Card>

      <Card
        size="small"
        title="统计表"
        extra={
          editable ? (
            <Button
              type="primary"
              loading={actions.saveValues.isPending}
              onClick={() => run(actions.saveValues.mutateAsync(entered), '填报栏目已保存')}
            >
              保存填报栏目
            </Button>
          ) : null
        }
      >
        <Table<Row> rowKey={(r) => r.col.key} size="small" pagination={false} columns={columns} dataSource={rows} scroll={{ x: 360 }} />
      </Card>

      <Card
        size="small"
        title="总结报告"
        extra={
          editable ? (
            <Button loading={actions.saveReport.isPending} onClick={() => run(actions.saveReport.mutateAsync(sections), '总结报告已保存')}>
              保存报告
            </Button>
          ) : null
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {sections.map((s, i) => (
            <div key={i}>
              <Typography.Text strong>{s.title}</Typography.Text>
              <Input.TextArea
                aria-label={s.title}
                autoSize={{ minRows: 3, maxRows: 12 }}
                value={s.body}
                readOnly={!editable}
                onChange={(e) => setSections(sections.map((x, k) => (k === i ? { ...x, body: e.target.value } : x)))}
              />
            </div>
          ))}
          <Flex wrap gap={8} align="center">
            {filing.reportFile ? (
              <Button
                type="link"
                icon={<PaperClipOutlined />}
                onClick={() => void download(exportPaths.reportFile(campaignId, unitId), filing.reportFile!.name)}
              >
                {filing.reportFile.name}
              </Button>
            ) : (
              <Typography.Text type="secondary">未上传报告文件</Typography.Text>
            )}
            {editable ? (
              <Upload accept=".docx,.pdf" showUploadList={false} beforeUpload={beforeUpload}>
                <Button icon={<UploadOutlined />}>上传 Word/PDF</Button>
              </Upload>
            ) : null}
            {progress !== null ? <Progress percent={progress} size="small" style={{ width: 160 }} /> : null}
          </Flex>
        </Space>
      </Card>

      {filing.versions.length > 0 ? (
        <Card size="small" title="报送记录">
          {filing.versions.map((v) => (
            <div key={v.version}>
              第 {v.version} 版 · {formatTime(v.at)} 报送
            </div>
          ))}
        </Card>
      ) : null}

      <OverrideDialog
        row={overriding}
        onClose={() => setOverriding(null)}
        onSave={(value, reason) => actions.override.mutateAsync({ key: overriding!.col.key, value, reason })}
      />
      <ReopenDialog open={reopening} onClose={() => setReopening(false)} onSave={(input) => actions.reopen.mutateAsync(input)} />
    </Space>
  );
}

function OverrideDialog({
  row,
  onClose,
  onSave,
}: {
  row: Row | null;
  onClose: () => void;
  onSave: (value: number, reason: string) => Promise<unknown>;
}) {
  const [form] = Form.useForm<{ value: number; reason: string }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (row)
      form.setFieldsValue({
        value: (row.cell.override?.value ?? row.cell.computed ?? 0) as number,
        reason: row.cell.override?.reason ?? '',
      });
  }, [row, form]);
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
      open={row !== null}
      title={`更正:${row?.col.header ?? ''}`}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText="保存更正"
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        系统根据平台记录统计为 {row ? formatCell(row.col, row.cell.computed) : ''};更正后两个数值都会保留并显示给学院。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="value" label="更正后的数值" rules={[{ required: true, message: '请填写更正后的数值' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="更正理由" rules={[{ required: true, min: 4, message: '请说明更正理由(至少 4 个字)' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="例如:另有一项案例线下报送,未在平台登记" />
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
