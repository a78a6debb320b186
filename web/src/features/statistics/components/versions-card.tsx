import { useState } from 'react';
import { Button, Card, List, Modal, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { FilingVersionSummary, GridOverride, MetricDto, StatisticsColumn } from '../../../../../contracts/statistics.ts';
import { exportPaths, useDownload, useFilingVersion } from '../api/statistics-api.ts';
import { DownloadProgress } from './download-progress.tsx';
import { FilingTable, groupedRows } from './filing-table.tsx';
import { formatCell, formatTime } from './format.ts';
import { ReportText } from './report-text.tsx';

/** 报送记录 (历史版本): every submitted version is kept — after a reopen too — with who submitted and signed it, each openable as sent. */
export function VersionsCard({
  campaignId,
  unitId,
  versions,
  metrics,
}: {
  campaignId: number;
  unitId: number;
  versions: FilingVersionSummary[];
  metrics: Map<string, MetricDto>;
}) {
  const [open, setOpen] = useState<number | null>(null);
  if (versions.length === 0) return null;
  const newestFirst = [...versions].reverse();
  return (
    <Card size="small" title="报送记录(历史版本)">
      <List
        size="small"
        dataSource={newestFirst}
        renderItem={(v, i) => (
          <List.Item
            actions={[
              <Button key="view" type="link" size="small" onClick={() => setOpen(v.version)} aria-label={`查看第 ${v.version} 版`}>
                查看
              </Button>,
            ]}
          >
            <Space wrap size={4}>
              <Typography.Text strong>第 {v.version} 版</Typography.Text>
              {i === 0 ? <Tag color="success">最近一次报送</Tag> : <Tag>早先版本</Tag>}
              <Typography.Text type="secondary">
                {v.by} 于 {formatTime(v.at)} 报送
                {v.signedOff ? `;${v.signedOff.by} 于 ${formatTime(v.signedOff.at)} 签批` : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <VersionDialog campaignId={campaignId} unitId={unitId} version={open} metrics={metrics} onClose={() => setOpen(null)} />
    </Card>
  );
}

function VersionDialog({
  campaignId,
  unitId,
  version,
  metrics,
  onClose,
}: {
  campaignId: number;
  unitId: number;
  version: number | null;
  metrics: Map<string, MetricDto>;
  onClose: () => void;
}) {
  const { data, isLoading } = useFilingVersion(campaignId, unitId, version);
  const download = useDownload();
  const value = (col: StatisticsColumn, d: { value: unknown; override: GridOverride | null }) => (
    <Space direction="vertical" size={0}>
      <Space size={6}>
        <Typography.Text strong>{formatCell(col, d.value as never)}</Typography.Text>
        {d.override ? <Tag color="orange">已更正</Tag> : null}
      </Space>
      {d.override ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          系统统计 {formatCell(col, d.override.computed)},更正理由:{d.override.reason}
        </Typography.Text>
      ) : null}
    </Space>
  );
  return (
    <Modal
      open={version !== null}
      title={`第 ${version ?? ''} 版(报送时的内容)`}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width={760}
      destroyOnHidden
    >
      {isLoading || !data ? (
        <Typography.Text type="secondary">正在读取…</Typography.Text>
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {data.by} 于 {formatTime(data.at)} 报送{data.signedOff ? `;${data.signedOff.by} 于 ${formatTime(data.signedOff.at)} 签批` : ''}
          </Typography.Text>
          <FilingTable
            rows={groupedRows(data.columns, (i) => ({ value: data.values[i] ?? null, override: data.overrides[i] ?? null }))}
            metrics={metrics}
            renderValue={value}
            testId="version-table"
          />
          <Typography.Text strong>总结报告</Typography.Text>
          <ReportText sections={data.reportSections} />
          {data.reportFile ? (
            <Button
              type="link"
              icon={<PaperClipOutlined />}
              style={{ padding: 0 }}
              onClick={() => download.start('file', exportPaths.versionReportFile(campaignId, unitId, data.version), data.reportFile!.name)}
            >
              {data.reportFile.name}
            </Button>
          ) : null}
          <DownloadProgress state={download} />
        </Space>
      )}
    </Modal>
  );
}
