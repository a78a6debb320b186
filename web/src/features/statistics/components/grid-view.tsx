import { useState } from 'react';
import { Alert, Button, Card, Flex, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { BellOutlined, DownloadOutlined } from '@ant-design/icons';
import { regionLabels, regions, type Region } from '../../../../../contracts/regions.ts';
import { filingStateLabels, type GridRowDto, type StatisticsColumn } from '../../../../../contracts/statistics.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { download, exportPaths, useGrid, useRemind } from '../api/statistics-api.ts';
import { formatCell } from './format.ts';

type Row = GridRowDto & { key: number };

/** Columns grouped under their (merged) group header, as in the exported table. */
function groupedColumns(columns: StatisticsColumn[]): TableColumnsType<Row> {
  const out: TableColumnsType<Row> = [];
  columns.forEach((col, i) => {
    const leaf = {
      title: col.header,
      key: col.key,
      width: 110,
      align: 'right' as const,
      render: (_: unknown, row: Row) => (
        <span
          style={row.overridden[i] ? { background: '#fff7e6', padding: '0 4px', borderRadius: 4 } : undefined}
          title={row.overridden[i] ? '单位已更正此值' : undefined}
        >
          {formatCell(col, row.values[i] ?? null)}
          {row.overridden[i] ? <sup style={{ color: '#d46b08' }}>改</sup> : null}
        </span>
      ),
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
  const [busy, setBusy] = useState<string | null>(null);
  const get = (key: string, path: string, name: string) => {
    setBusy(key);
    download(path, name, region ? { region } : undefined)
      .catch((e: unknown) => notifyError(errorMessage(e)))
      .finally(() => setBusy(null));
  };
  const sendReminders = (unitIds?: number[]) =>
    remind
      .mutateAsync(unitIds)
      .then((r) =>
        notifySuccess(
          r.units > 0 ? `已向 ${r.units} 个单位发送提醒(邮件和站内信)` : '没有需要提醒的单位(今天已提醒过,或单位尚无资助管理员账号)',
        ),
      )
      .catch((e: unknown) => notifyError(errorMessage(e)));

  const columns: TableColumnsType<Row> = [
    {
      title: '单位',
      key: 'unit',
      fixed: 'left',
      width: 150,
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => onOpenUnit(r.unit.id)}
        >
          {r.unit.name}
        </Button>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 90,
      render: (_, r) => <Tag color={r.state === 'submitted' ? 'success' : undefined}>{filingStateLabels[r.state]}</Tag>,
    },
    ...groupedColumns(data?.columns ?? []),
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
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
            loading={busy === 'xlsx'}
            onClick={() => get('xlsx', exportPaths.aggregate(campaignId), '统计表汇总.xlsx')}
          >
            导出汇总表
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'zip'}
            onClick={() => get('zip', exportPaths.reports(campaignId), '总结报告.zip')}
          >
            全部总结报告
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'docx'}
            onClick={() => get('docx', exportPaths.digest(campaignId), '总结报告汇编.docx')}
          >
            报告汇编(Word)
          </Button>
        </Space>
      </Flex>
      {data && data.notFiled.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          message={`尚未报送:${data.notFiled.length} 个单位`}
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
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <Typography.Text strong>合计</Typography.Text>
                  </Table.Summary.Cell>
                  {data.totals.map((t, i) => (
                    <Table.Summary.Cell key={i} index={i + 2} align="right">
                      <Typography.Text strong>{t === null ? '' : t.toLocaleString('zh-CN')}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          橙色底纹为单位更正过的数值;已报送的单位显示报送时的数值,其余单位显示当前统计。比率类栏目不合计。
        </Typography.Text>
      </Card>
    </Space>
  );
}
