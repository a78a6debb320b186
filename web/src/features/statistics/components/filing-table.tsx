import type { ReactNode } from 'react';
import { Grid, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { MetricDto, StatisticsColumn } from '../../../../../contracts/statistics.ts';

/** A row of a unit's table: a group header (the merged header of 附件5) or one column with its value. */
export type TableRow<T> = { kind: 'group'; key: string; title: string } | { kind: 'column'; key: string; col: StatisticsColumn; data: T };

/** Rows in layout order, with a group header row before each run of columns that share a group. */
export function groupedRows<T>(columns: StatisticsColumn[], data: (i: number) => T): TableRow<T>[] {
  const rows: TableRow<T>[] = [];
  columns.forEach((col, i) => {
    if (col.group && columns[i - 1]?.group !== col.group) rows.push({ kind: 'group', key: `g-${i}`, title: col.group });
    rows.push({ kind: 'column', key: col.key, col, data: data(i) });
  });
  return rows;
}

/** The 统计口径 of a computed column, behind a help icon. */
export function MetricHelp({ col, metrics }: { col: StatisticsColumn; metrics: Map<string, MetricDto> }) {
  const metric = col.kind === 'computed' ? metrics.get(col.metric ?? '') : undefined;
  if (!metric) return null;
  return (
    <Tooltip title={[metric.description, metric.note].filter(Boolean).join(' ')}>
      <QuestionCircleOutlined style={{ marginLeft: 4, color: '#8c8c8c' }} aria-label={`${col.header}的统计口径`} />
    </Tooltip>
  );
}

/**
 * A unit's table as 栏目 | 数值 with the group headers as full-width rows, so a
 * column reads as its own header under its group on a phone too. Below 768 px the
 * value goes under the header in one column (nothing scrolls sideways).
 */
export function FilingTable<T>({
  rows,
  metrics,
  renderValue,
  testId,
}: {
  rows: TableRow<T>[];
  metrics: Map<string, MetricDto>;
  renderValue: (col: StatisticsColumn, data: T) => ReactNode;
  testId?: string;
}) {
  const wide = Grid.useBreakpoint().md ?? true;
  const header = (col: StatisticsColumn) => (
    <span>
      {col.header}
      <MetricHelp col={col} metrics={metrics} />
    </span>
  );
  const groupCell = (r: TableRow<T>) => (r.kind === 'group' ? { colSpan: wide ? 2 : 1, className: 'statistics-group-row' } : {});
  const columns: TableColumnsType<TableRow<T>> = wide
    ? [
        {
          title: '栏目',
          key: 'header',
          onCell: groupCell,
          render: (_, r) =>
            r.kind === 'group' ? (
              <Typography.Text strong>{r.title}</Typography.Text>
            ) : (
              <span style={{ paddingLeft: 12 }}>{header(r.col)}</span>
            ),
        },
        {
          title: '数值',
          key: 'value',
          width: '55%',
          onCell: (r) => (r.kind === 'group' ? { colSpan: 0 } : {}),
          render: (_, r) => (r.kind === 'column' ? renderValue(r.col, r.data) : null),
        },
      ]
    : [
        {
          title: '栏目与数值',
          key: 'both',
          onCell: groupCell,
          render: (_, r) =>
            r.kind === 'group' ? (
              <Typography.Text strong>{r.title}</Typography.Text>
            ) : (
              <div>
                <div style={{ color: '#595959', marginBottom: 4 }}>{header(r.col)}</div>
                {renderValue(r.col, r.data)}
              </div>
            ),
        },
      ];
  return (
    <Table<TableRow<T>>
      data-testid={testId}
      rowKey="key"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      rowClassName={(r) => (r.kind === 'group' ? 'statistics-group-row' : '')}
      onRow={(r) => (r.kind === 'group' ? { style: { background: '#fafafa' } } : {})}
    />
  );
}
