import { useState } from 'react';
import { Alert, Button, Card, Flex, Grid, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { BellOutlined, DownloadOutlined } from '@ant-design/icons';
import { regionLabels, regions, type Region } from '../../../../../contracts/regions.ts';
import { filingStateLabels, type GridRowDto, type RemindResult, type StatisticsColumn } from '../../../../../contracts/statistics.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { exportPaths, useDownload, useGrid, useRemind } from '../api/statistics-api.ts';
import { DownloadProgress } from './download-progress.tsx';
import { formatCell, formatTime } from './format.ts';

type Row = GridRowDto & { key: number };

/** Columns grouped under their (merged) group header, as in the exported table. */
function groupedColumns(columns: StatisticsColumn[], narrow: boolean): TableColumnsType<Row> {
  const out: TableColumnsType<Row> = [];
  columns.forEach((col, i) => {
    const leaf = {
      title: col.header,
      key: col.key,
      width: narrow ? 84 : 110,
      align: 'right' as const,
      render: (_: unknown, row: Row) => {
        const o = row.overrides[i];
        const text = formatCell(col, row.values[i] ?? null);
        if (!o) return text;
        return (
          <Tooltip title={`单位更正:系统统计 ${formatCell(col, o.computed)},理由:${o.reason}`}>
            <span style={{ background: '#ffe7ba', padding: '0 4px', borderRadius: 4 }} title="单位已更正此值" tabIndex={0}>
              {text}
              <sup style={{ color: '#d46b08' }}>改</sup>
            </span>
          </Tooltip>
        );
      },
    };
    const last = out[out.length - 1] as { title?: unknown; children?: unknown[] } | undefined;
    if (col.group && last && last.title === col.group && last.children) last.children.push(leaf);
    else if (col.group) out.push({ title: col.group, key: `g-${col.key}`, children: [leaf] });
    else out.push(leaf);
  });
  return out;
}

/** The institute's view: every unit × every column with totals, who has not filed, reminders and exports. */
export function GridView({ campaignId, onOpenUnit }: { campaignId: number; onOpenUnit: (unitId: number) => void }) {
  const [region, setRegion] = useState<Region | undefined>(undefined);
  const { data, isFetching } = useGrid(campaignId, region);
  const remind = useRemind(campaignId);
  const exporting = useDownload();
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const get = (key: string, path: string, name: string) => exporting.start(key, path, name, region ? { region } : undefined);
  const [reminded, setReminded] = useState<RemindResult | null>(null);
  const sendReminders = (unitIds?: number[]) =>
    remind
      .mutateAsync(unitIds)
      .then((r) => {
        setReminded(r);
        if (r.units > 0) notifySuccess(`已向 ${r.units} 个单位发送提醒(邮件和站内信)`);
      })
      .catch((e: unknown) => notifyError(errorMessage(e)));
  const late = data ? Date.now() > new Date(data.deadlineAt).getTime() : false;
  const filed = data ? data.rows.filter((r) => r.state === 'submitted').length : 0;

  const stateTag = (r: Row) => (
    <Tag color={r.state === 'submitted' ? 'success' : late ? 'error' : undefined} style={{ marginInlineEnd: 0 }}>
      {r.state !== 'submitted' && late ? '逾期未报' : filingStateLabels[r.state]}
    </Tag>
  );
  const unitLink = (r: Row) => (
    <Button
      type="link"
      size="small"
      style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
      onClick={() => onOpenUnit(r.unit.id)}
    >
      {r.unit.name}
    </Button>
  );
  // On a phone the state goes under the unit's name, so the figures get the width.
  const columns: TableColumnsType<Row> = narrow
    ? [
        {
          title: '单位',
          key: 'unit',
          fixed: 'left',
          width: 104,
          render: (_, r) => (
            <Space direction="vertical" size={2}>
              {unitLink(r)}
              {stateTag(r)}
            </Space>
          ),
        },
        ...groupedColumns(data?.columns ?? [], true),
      ]
    : [
        { title: '单位', key: 'unit', fixed: 'left', width: 150, render: (_, r) => unitLink(r) },
        { title: '状态', key: 'state', width: 96, render: (_, r) => stateTag(r) },
        ...groupedColumns(data?.columns ?? [], false),
      ];
  const fixedColumns = narrow ? 1 : 2;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {data ? (
        <Typography.Text type="secondary" data-testid="grid-summary">
          报送截止 {formatTime(data.deadlineAt)}
          {late ? '(已截止)' : ''} · 已报送 {filed} / {data.rows.length} 个单位
        </Typography.Text>
      ) : null}
      <Flex wrap gap={8} justify="space-between">
        <Select
          allowClear
          placeholder="全部地区"
          style={{ width: 140 }}
          value={region}
          onChange={setRegion}
          options={regions.map((r) => ({ value: r, label: regionLabels[r] }))}
          aria-label="地区"
        />
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting.busy === 'xlsx'}
            disabled={exporting.busy !== null && exporting.busy !== 'xlsx'}
            onClick={() => get('xlsx', exportPaths.aggregate(campaignId), '统计表汇总.xlsx')}
          >
            导出汇总表
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting.busy === 'zip'}
            disabled={exporting.busy !== null && exporting.busy !== 'zip'}
            onClick={() => get('zip', exportPaths.reports(campaignId), '总结报告.zip')}
          >
            全部总结报告
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting.busy === 'docx'}
            disabled={exporting.busy !== null && exporting.busy !== 'docx'}
            onClick={() => get('docx', exportPaths.digest(campaignId), '总结报告汇编.docx')}
          >
            报告汇编(Word)
          </Button>
        </Space>
      </Flex>
      <DownloadProgress state={exporting} />
      {data && data.notFiled.length > 0 ? (
        <Alert
          type={late ? 'error' : 'warning'}
          showIcon
          message={`${late ? '已过截止时间仍未报送' : '尚未报送'}:${data.notFiled.length} 个单位`}
          description={
            <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>
              {data.notFiled.map((u) => u.name).join('、')}
            </Typography.Paragraph>
          }
          action={
            <Button
              size="small"
              icon={<BellOutlined />}
              loading={remind.isPending}
              onClick={() => void sendReminders(data.notFiled.map((u) => u.id))}
            >
              一键提醒
            </Button>
          }
        />
      ) : null}
      {reminded ? <ReminderOutcome result={reminded} onClose={() => setReminded(null)} /> : null}
      <Card size="small">
        <Table<Row>
          size="small"
          bordered
          loading={isFetching}
          rowKey="key"
          columns={columns}
          dataSource={(data?.rows ?? []).map((r) => ({ ...r, key: r.unit.id }))}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() =>
            data ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={fixedColumns}>
                    <Typography.Text strong>合计</Typography.Text>
                  </Table.Summary.Cell>
                  {data.totals.map((t, i) => (
                    <Table.Summary.Cell key={i} index={i + fixedColumns} align="right">
                      <Typography.Text strong>{t === null ? '' : t.toLocaleString('zh-CN')}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          橙色底纹并标“改”的为单位更正过的数值(指向可看系统统计值和理由);已报送的单位显示报送时的数值,其余单位显示今天的实时统计。比率类栏目不合计。
        </Typography.Text>
      </Card>
    </Space>
  );
}

/** What a reminder did: how many units got it now, which had it already today, and which late units have nobody to receive it. */
function ReminderOutcome({ result, onClose }: { result: RemindResult; onClose: () => void }) {
  const parts = [
    result.units > 0 ? `已向 ${result.units} 个单位的资助管理员发送提醒(邮件和站内信)。` : '本次没有发出新的提醒。',
    result.alreadyReminded > 0 ? `${result.alreadyReminded} 个单位今天已提醒过,每天只提醒一次。` : '',
  ].filter(Boolean);
  return (
    <Alert
      type={result.withoutOfficer.length > 0 ? 'warning' : 'success'}
      showIcon
      closable
      onClose={onClose}
      data-testid="reminder-outcome"
      message={parts.join('')}
      description={
        result.withoutOfficer.length > 0
          ? `以下 ${result.withoutOfficer.length} 个单位没有启用的资助管理员账号,无法提醒,请在“用户管理”中添加或电话联系:${result.withoutOfficer.join('、')}`
          : undefined
      }
    />
  );
}
