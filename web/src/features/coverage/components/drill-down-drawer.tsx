import { Alert, Drawer, List, Spin, Table, Typography } from 'antd';
import { coverageMeasureHints, coverageMeasureLabels, type CoverageMeasure } from '../../../../../contracts/coverage.ts';
import type { Semester } from '../../../../../contracts/school-year.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useDrillDown } from '../api/coverage-api.ts';

/** Who or what one unit still lacks for one measure: the list a unit works through. */
export function DrillDownDrawer({
  target,
  schoolYear,
  semester,
  onClose,
}: {
  target: { unitId: number; unitName: string; measure: CoverageMeasure } | null;
  schoolYear: string;
  semester: Semester;
  onClose: () => void;
}) {
  const isMobile = useIsMobile();
  const { data, isLoading } = useDrillDown(target?.unitId ?? null, target ? { schoolYear, semester, measure: target.measure } : null);
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      width={isMobile ? '100%' : 640}
      title={target ? `${target.unitName} · ${coverageMeasureLabels[target.measure]}` : ''}
    >
      {target ? <Typography.Paragraph type="secondary">{coverageMeasureHints[target.measure]}</Typography.Paragraph> : null}
      {isLoading || !data ? (
        <Spin />
      ) : data.items.length > 0 ? (
        <List bordered dataSource={data.items} renderItem={(item) => <List.Item>{item}</List.Item>} />
      ) : data.students.length === 0 ? (
        <Alert type="success" showIcon message="没有缺项" />
      ) : (
        <>
          <Typography.Paragraph>
            尚未覆盖的学生 {data.students.length} 人{data.truncated ? '(仅列出前 200 人)' : ''}:
          </Typography.Paragraph>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={data.students}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '学号', dataIndex: 'studentNo' },
              { title: '姓名', dataIndex: 'name' },
              { title: '年级', dataIndex: 'grade', render: (g: number) => `${g} 年级` },
              { title: '班级', dataIndex: 'className', render: (c: string | null) => c ?? '—' },
              { title: '缺项', dataIndex: 'note', responsive: ['md'] },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
