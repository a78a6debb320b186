import { useEffect, useState } from 'react';
import { Button, Card, DatePicker, Flex, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  columnKindLabels,
  columnKinds,
  type ColumnKind,
  type LayoutDto,
  type StatisticsColumn,
} from '../../../../../contracts/statistics.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { dayjs, inShanghai } from '../../../lib/time.ts';
import { useSaveLayout } from '../api/statistics-api.ts';
import { SchoolYearSelect } from '../../../components/school-year-select.tsx';

type Row = StatisticsColumn & { idx: number };

/** The institute admin's layout of the table: ordered columns, two header levels, computed or entered; and the deadline. */
export function LayoutEditor({ layout }: { layout: LayoutDto }) {
  const [cols, setCols] = useState<StatisticsColumn[]>(layout.columns);
  const [deadline, setDeadline] = useState(inShanghai(layout.deadlineAt));
  const [schoolYear, setSchoolYear] = useState(layout.schoolYear);
  const save = useSaveLayout(layout.campaignId);
  useEffect(() => {
    setCols(layout.columns);
    setDeadline(inShanghai(layout.deadlineAt));
    setSchoolYear(layout.schoolYear);
  }, [layout]);
  const metricByKey = new Map(layout.metrics.map((m) => [m.key, m]));
  const set = (i: number, patch: Partial<StatisticsColumn>) => setCols(cols.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  const move = (i: number, d: number) => {
    const next = cols.slice();
    const [c] = next.splice(i, 1);
    next.splice(i + d, 0, c!);
    setCols(next);
  };
  const editable = layout.abilities.edit;

  const columns: TableColumnsType<Row> = [
    {
      title: '分组表头',
      width: 150,
      render: (_, r) => (
        <Input aria-label="分组表头" disabled={!editable} value={r.group} onChange={(e) => set(r.idx, { group: e.target.value })} />
      ),
    },
    {
      title: '列标题',
      width: 150,
      render: (_, r) => (
        <Input aria-label="列标题" disabled={!editable} value={r.header} onChange={(e) => set(r.idx, { header: e.target.value })} />
      ),
    },
    {
      title: '类型',
      width: 130,
      render: (_, r) => (
        <Select<ColumnKind>
          disabled={!editable}
          style={{ width: '100%' }}
          value={r.kind}
          onChange={(kind) =>
            set(r.idx, kind === 'computed' ? { kind, metric: layout.metrics[0]?.key } : { kind, metric: undefined, param: undefined })
          }
          options={columnKinds.map((k) => ({ value: k, label: columnKindLabels[k] }))}
        />
      ),
    },
    {
      title: '统计指标',
      width: 300,
      render: (_, r) => {
        if (r.kind !== 'computed') return <Typography.Text type="secondary">由单位填写</Typography.Text>;
        const m = metricByKey.get(r.metric ?? '');
        return (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Select
              disabled={!editable}
              style={{ width: '100%' }}
              value={r.metric}
              onChange={(metric) => set(r.idx, { metric, param: metricByKey.get(metric)?.params[0]?.value })}
              options={layout.metrics.map((x) => ({ value: x.key, label: `${x.label}(${x.unit})` }))}
            />
            {m && m.params.length > 0 ? (
              <Select
                disabled={!editable}
                style={{ width: '100%' }}
                value={r.param}
                onChange={(param) => set(r.idx, { param })}
                options={m.params}
              />
            ) : null}
            {m ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.description}
                {m.note ? `(${m.note})` : ''}
              </Typography.Text>
            ) : null}
          </Space>
        );
      },
    },
    {
      title: '',
      width: 120,
      render: (_, r) =>
        editable ? (
          <Space size={0}>
            <Button
              size="small"
              type="text"
              icon={<ArrowUpOutlined />}
              disabled={r.idx === 0}
              onClick={() => move(r.idx, -1)}
              aria-label="上移"
            />
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              disabled={r.idx === cols.length - 1}
              onClick={() => move(r.idx, 1)}
              aria-label="下移"
            />
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              onClick={() => setCols(cols.filter((_, k) => k !== r.idx))}
              aria-label="删除"
            />
          </Space>
        ) : null,
    },
  ];

  const add = () => {
    let n = cols.length + 1;
    while (cols.some((c) => c.key === `col_${n}`)) n += 1;
    setCols([...cols, { key: `col_${n}`, group: '单位填报', header: '新栏目', kind: 'number' }]);
  };

  const submit = () =>
    save
      .mutateAsync({ columns: cols, deadlineAt: deadline.toISOString(), schoolYear })
      .then(() => notifySuccess('统计表栏目已保存'))
      .catch((e: unknown) => notifyError(errorMessage(e)));

  return (
    <Card size="small">
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Typography.Text>报送截止(北京时间)</Typography.Text>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={deadline}
            disabled={!editable}
            allowClear={false}
            onChange={(d) => d && setDeadline(dayjs.tz(d.format('YYYY-MM-DD HH:mm'), 'Asia/Shanghai'))}
          />
          <Typography.Text>统计学年</Typography.Text>
          <SchoolYearSelect label="统计学年" value={schoolYear} onChange={setSchoolYear} disabled={!editable} />
        </Space>
        {editable ? (
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={add}>
              添加栏目
            </Button>
            <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
              保存
            </Button>
          </Space>
        ) : null}
      </Flex>
      <Table<Row>
        size="small"
        rowKey="idx"
        pagination={false}
        columns={columns}
        dataSource={cols.map((c, idx) => ({ ...c, idx }))}
        scroll={{ x: 850 }}
      />
    </Card>
  );
}
