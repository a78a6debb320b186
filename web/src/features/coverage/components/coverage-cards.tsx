import { useState } from 'react';
import { Card, Empty, Flex, Select, Spin, Tag, Typography } from 'antd';
import { coverageMeasureLabels, coverageMeasures, type CoverageMeasure, type CoverageRow } from '../../../../../contracts/coverage.ts';
import { regionLabels } from '../../../../../contracts/regions.ts';
import { CoverageTag } from './coverage-tag.tsx';

type SortKey = 'code' | 'greenCount' | CoverageMeasure;

const sortOptions: { value: SortKey; label: string }[] = [
  { value: 'code', label: '按单位顺序' },
  { value: 'greenCount', label: '达标项数:少的在前' },
  ...coverageMeasures.map((m) => ({ value: m, label: `${coverageMeasureLabels[m]}:低的在前` })),
];

/**
 * 六个全覆盖 on a phone: one card per unit with its six measures in two columns, instead of
 * a nine-column table scrolled sideways; sorting is a choice above the cards. Tapping a
 * measure opens the same drill-down as on a computer.
 */
export function CoverageCards({
  rows,
  total,
  loading,
  ratio,
  onOpen,
}: {
  rows: CoverageRow[];
  total: CoverageRow | null;
  loading: boolean;
  ratio: (row: CoverageRow, m: CoverageMeasure) => number;
  onOpen: (row: CoverageRow, m: CoverageMeasure) => (() => void) | undefined;
}) {
  const [sort, setSort] = useState<SortKey>('code');
  const sorted =
    sort === 'code'
      ? rows
      : [...rows].sort((a, b) => (sort === 'greenCount' ? a.greenCount - b.greenCount : ratio(a, sort) - ratio(b, sort)));
  return (
    <Flex vertical gap={12}>
      <Select aria-label="排序" value={sort} onChange={setSort} options={sortOptions} />
      {loading && rows.length === 0 ? <Spin /> : null}
      {!loading && rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的单位" /> : null}
      {total ? <UnitCard row={total} /> : null}
      {sorted.map((row) => (
        <UnitCard key={row.unitId} row={row} onOpen={(m) => onOpen(row, m)} />
      ))}
    </Flex>
  );
}

function UnitCard({ row, onOpen }: { row: CoverageRow; onOpen?: (m: CoverageMeasure) => (() => void) | undefined }) {
  return (
    <Card size="small" styles={{ body: { padding: 12 } }}>
      <section aria-label={row.unitName}>
        <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8 }}>
          <Typography.Text strong>
            {row.unitName}
            {row.region ? (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 6 }}>
                {regionLabels[row.region]}
              </Typography.Text>
            ) : null}
          </Typography.Text>
          <Tag color={row.greenCount === 6 ? 'success' : undefined} style={{ marginInlineEnd: 0 }}>
            达标 {row.greenCount}/6
          </Tag>
        </Flex>
        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '8px 12px' }}>
          {coverageMeasures.map((m) => (
            <div key={m} role="group" aria-label={coverageMeasureLabels[m]} style={{ minWidth: 0 }}>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {coverageMeasureLabels[m]}
              </Typography.Text>
              <CoverageTag cell={row.cells[m]} onClick={onOpen?.(m)} />
            </div>
          ))}
        </div>
      </section>
    </Card>
  );
}
