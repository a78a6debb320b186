import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import {
  coverageMeasureHints,
  coverageMeasureLabels,
  coverageMeasures,
  type CoverageMeasure,
  type CoverageRow,
} from '../../../../../contracts/coverage.ts';
import { regionLabels, regions, type Region } from '../../../../../contracts/regions.ts';
import { schoolYearOf, semesterLabels, semesterOf, type Semester } from '../../../../../contracts/school-year.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { SchoolYearSelect } from '../../../components/school-year-select.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { downloadCoverage, useCoverage } from '../api/coverage-api.ts';
import { CoverageCards } from '../components/coverage-cards.tsx';
import { CoverageSettingsModal } from '../components/coverage-settings-modal.tsx';
import { CoverageTag } from '../components/coverage-tag.tsx';
import { DrillDownDrawer } from '../components/drill-down-drawer.tsx';

const ratio = (row: CoverageRow, m: CoverageMeasure) => {
  const cell = row.cells[m];
  return cell.grade === 'none' ? 2 : cell.total === 0 ? 0 : cell.covered / cell.total;
};

/** 六个全覆盖: every unit's six measures (the institute), or one's own unit's, with who is missing. */
export default function CoveragePage() {
  const isMobile = useIsMobile();
  const me = useMe();
  const isInstitute = me.roles.includes('institute_admin');
  const now = new Date();
  const [query, setQuery] = useState<{ schoolYear: string; semester: Semester; region?: Region }>({
    schoolYear: schoolYearOf(now),
    semester: semesterOf(now),
  });
  const { data, isFetching } = useCoverage(query);
  const [drill, setDrill] = useState<{ unitId: number; unitName: string; measure: CoverageMeasure } | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [exporting, setExporting] = useState(false);

  const open = (row: CoverageRow, measure: CoverageMeasure) =>
    row.unitId === 0 ? undefined : () => setDrill({ unitId: row.unitId, unitName: row.unitName, measure });

  const columns: TableColumnsType<CoverageRow> = [
    { title: '单位', dataIndex: 'unitName', fixed: 'left', width: 160 },
    {
      title: '地区',
      dataIndex: 'region',
      width: 70,
      render: (r: Region | null) => (r ? regionLabels[r] : ''),
    },
    ...coverageMeasures.map((m): TableColumnsType<CoverageRow>[number] => ({
      title: <span title={coverageMeasureHints[m]}>{coverageMeasureLabels[m]}</span>,
      key: m,
      sorter: (a, b) => ratio(a, m) - ratio(b, m),
      render: (_, row) => <CoverageTag cell={row.cells[m]} onClick={open(row, m)} />,
    })),
    {
      title: '达标',
      dataIndex: 'greenCount',
      width: 80,
      sorter: (a, b) => a.greenCount - b.greenCount,
      render: (n: number) => <Tag color={n === 6 ? 'success' : undefined}>{n}/6</Tag>,
    },
  ];

  const single = !isInstitute && data?.rows.length === 1 ? data.rows[0]! : null;

  return (
    <>
      <PageHeader
        title="六个全覆盖"
        description="学生发展支持中心、先家访后认定、资助成长档案、成长奖励制度、重点帮扶对象育人导师、常态化研讨"
        extra={
          <>
            {isInstitute ? (
              <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>
                达标设置
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={() => {
                setExporting(true);
                void downloadCoverage(query).finally(() => setExporting(false));
              }}
            >
              导出 Excel
            </Button>
          </>
        }
      />
      <div className="yz-filters" role="search">
        <SchoolYearSelect value={query.schoolYear} onChange={(schoolYear) => setQuery((q) => ({ ...q, schoolYear }))} />
        <Select
          aria-label="学期"
          value={query.semester}
          onChange={(semester: Semester) => setQuery((q) => ({ ...q, semester }))}
          options={(['first', 'second'] as const).map((s) => ({ value: s, label: semesterLabels[s] }))}
        />
        {isInstitute ? (
          <Select
            aria-label="地区"
            placeholder="全部地区"
            allowClear
            value={query.region}
            onChange={(region: Region | undefined) => setQuery((q) => ({ ...q, region }))}
            options={regions.map((r) => ({ value: r, label: regionLabels[r] }))}
          />
        ) : null}
      </div>
      {single ? (
        <Card loading={isFetching && !data}>
          <Descriptions
            column={1}
            bordered
            layout={isMobile ? 'vertical' : 'horizontal'}
            size={isMobile ? 'small' : 'middle'}
            items={coverageMeasures.map((m) => ({
              key: m,
              label: coverageMeasureLabels[m],
              children: (
                <Flex vertical gap={4}>
                  <span>
                    <CoverageTag cell={single.cells[m]} onClick={open(single, m)} />
                  </span>
                  <Typography.Text type="secondary">{coverageMeasureHints[m]}</Typography.Text>
                </Flex>
              ),
            }))}
          />
        </Card>
      ) : isMobile ? (
        <CoverageCards rows={data?.rows ?? []} total={data?.total ?? null} loading={isFetching} ratio={ratio} onOpen={open} />
      ) : (
        <Table<CoverageRow>
          rowKey="unitId"
          size="middle"
          loading={isFetching}
          columns={columns}
          dataSource={data?.rows ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() =>
            data?.total ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{data.total.unitName}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} />
                  {coverageMeasures.map((m, i) => (
                    <Table.Summary.Cell key={m} index={i + 2}>
                      <CoverageTag cell={data.total!.cells[m]} />
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={8}>{data.total.greenCount}/6</Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      )}
      <DrillDownDrawer target={drill} schoolYear={query.schoolYear} semester={query.semester} onClose={() => setDrill(null)} />
      <CoverageSettingsModal settings={data?.settings} open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </>
  );
}
