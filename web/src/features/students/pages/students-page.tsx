import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Badge, Button, Card, Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { RiseOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import { MAX_GRADE, studentStatuses, studentStatusLabels, type StudentDto, type StudentStatus } from '../../../../../contracts/students.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { serverPagination } from '../../../components/server-pagination.ts';
import { UnitSelect } from '../../../components/unit-select.tsx';
import { useAbilities } from '../../../lib/session.tsx';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useClasses, useStudents, type StudentsFilter } from '../api/students-api.ts';
import { ClassTeachersDrawer } from '../components/class-teachers-drawer.tsx';
import { PromotionModal } from '../components/promotion-modal.tsx';

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
function isStatus(value: string | null): value is StudentStatus {
  return value !== null && (studentStatuses as readonly string[]).includes(value);
}

/** Filters and page live in the URL: reload, back and shared links keep them. */
function useStudentsFilter() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const grade = positiveInt(params.get('grade'), 0);
  const filter: StudentsFilter = {
    q: params.get('q') ?? undefined,
    unitId: positiveInt(params.get('unitId'), 0) || undefined,
    grade: grade >= 1 && grade <= MAX_GRADE ? grade : undefined,
    className: params.get('className') ?? undefined,
    status: isStatus(status) ? status : undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: Math.min(positiveInt(params.get('pageSize'), 20), 200),
  };
  const update = (patch: Partial<Record<keyof StudentsFilter, string | number | undefined | null>>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };
  return { filter, update };
}

const masked = (value: string | null) => <Typography.Text type={value ? undefined : 'secondary'}>{value ?? '未登记'}</Typography.Text>;

export default function StudentsPage() {
  const { filter, update } = useStudentsFilter();
  const abilities = useAbilities();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { data, isFetching } = useStudents(filter);
  const [filterUnit, setFilterUnit] = useState<{ id: number; name: string } | null>(null);
  const [teachersOpen, setTeachersOpen] = useState(false);
  const [promotionOpen, setPromotionOpen] = useState(false);
  // The institute sees every unit: it picks one to filter by class.
  const isInstitute = abilities.manageUnits;
  const classes = useClasses(filter.unitId, !isInstitute || filter.unitId !== undefined);

  const open = (s: StudentDto) => navigate(`/students/${s.id}`);

  const compactColumns: TableColumnsType<StudentDto> = [
    {
      title: '学生',
      key: 'student',
      render: (_, s) => (
        <Flex vertical gap={2}>
          <Flex justify="space-between" gap={8}>
            <Link to={`/students/${s.id}`}>
              <Typography.Text strong>{s.name}</Typography.Text>
            </Link>
            <Typography.Text type="secondary">{s.studentNo}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[s.className, `${s.grade} 年级`, s.programme].filter(Boolean).join(' · ')}
          </Typography.Text>
          <Typography.Text style={{ fontSize: 12 }}>
            身份证号 {s.masked.idNumber ?? '未登记'} · 电话 {s.masked.phone ?? '未登记'}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  const columns: TableColumnsType<StudentDto> = [
    { title: '学号', dataIndex: 'studentNo', render: (no: string, s) => <Link to={`/students/${s.id}`}>{no}</Link> },
    { title: '姓名', dataIndex: 'name' },
    { title: '性别', dataIndex: 'gender', render: (g: string | null) => g ?? t.none },
    ...(isInstitute ? [{ title: '单位', key: 'unit', render: (_: unknown, s: StudentDto) => s.unitName }] : []),
    { title: '专业', dataIndex: 'programme', responsive: ['md'] },
    { title: '班级', dataIndex: 'className', render: (c: string | null) => c ?? t.none },
    { title: '年级', dataIndex: 'grade', render: (g: number) => `${g} 年级` },
    { title: '身份证号', key: 'idNumber', responsive: ['lg'], render: (_, s) => masked(s.masked.idNumber) },
    { title: '联系电话', key: 'phone', responsive: ['lg'], render: (_, s) => masked(s.masked.phone) },
    {
      title: '状态',
      dataIndex: 'status',
      render: (status: StudentStatus) => (
        <Badge status={status === 'enrolled' ? 'success' : 'default'} text={studentStatusLabels[status]} />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="学生名册"
        description="敏感信息均已脱敏;查看完整内容须在学生页面说明原因,并记入审计日志。"
        extra={
          abilities.manageRoster ? (
            <>
              <Button icon={<TeamOutlined />} onClick={() => setTeachersOpen(true)}>
                班级与班主任
              </Button>
              <Button icon={<RiseOutlined />} onClick={() => setPromotionOpen(true)}>
                年级升级
              </Button>
              <Button type="primary" icon={<UploadOutlined />} onClick={() => navigate('/students/import')}>
                导入名册
              </Button>
            </>
          ) : null
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <div className="yz-filters" role="search">
          <Input.Search
            className="yz-filters-wide"
            aria-label="搜索学生"
            placeholder="学号(开头几位)或姓名"
            allowClear
            defaultValue={filter.q}
            onSearch={(value) => update({ q: value.trim() })}
          />
          {isInstitute ? (
            <div className="yz-filters-wide">
              <UnitSelect
                aria-label="按单位筛选"
                placeholder="全部单位"
                value={filter.unitId ?? null}
                known={filterUnit}
                onChange={(value, unit) => {
                  setFilterUnit(unit);
                  update({ unitId: value, className: undefined });
                }}
              />
            </div>
          ) : null}
          <Select
            aria-label="按年级筛选"
            placeholder="全部年级"
            allowClear
            value={filter.grade}
            onChange={(value: number | undefined) => update({ grade: value })}
            options={Array.from({ length: MAX_GRADE }, (_, i) => ({ value: i + 1, label: `${i + 1} 年级` }))}
          />
          <Select
            aria-label="按班级筛选"
            placeholder={isInstitute && !filter.unitId ? '先选择单位' : '全部班级'}
            allowClear
            showSearch
            disabled={isInstitute && !filter.unitId}
            value={filter.className}
            onChange={(value: string | undefined) => update({ className: value })}
            options={(classes.data ?? []).map((c) => ({ value: c.className, label: c.className }))}
          />
          <Select
            aria-label="按状态筛选"
            value={filter.status ?? 'enrolled'}
            onChange={(value: StudentStatus) => update({ status: value === 'enrolled' ? undefined : value })}
            options={studentStatuses.map((s) => ({ value: s, label: studentStatusLabels[s] }))}
          />
        </div>
        <Table<StudentDto>
          rowKey="id"
          size={isMobile ? 'small' : 'middle'}
          columns={isMobile ? compactColumns : columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 'max-content' }}
          pagination={serverPagination(isMobile, filter, data?.total, update)}
          onRow={(s) => ({ onDoubleClick: () => open(s) })}
          locale={{
            emptyText: isFetching
              ? t.loading
              : abilities.manageRoster && !filter.q && !filter.grade && !filter.className
                ? '名册中还没有学生,请点击右上角“导入名册”'
                : '没有符合条件的学生',
          }}
        />
      </Card>
      {abilities.manageRoster ? (
        <>
          <ClassTeachersDrawer open={teachersOpen} onClose={() => setTeachersOpen(false)} />
          <PromotionModal open={promotionOpen} onClose={() => setPromotionOpen(false)} />
        </>
      ) : null}
    </>
  );
}
