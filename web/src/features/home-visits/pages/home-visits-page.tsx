import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Empty, Flex, Input, Modal, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CameraOutlined, PlusOutlined } from '@ant-design/icons';
import { visitModeLabels, type HomeVisitListItem, type VisitStatus } from '../../../../../contracts/home-visits.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { serverPagination } from '../../../components/server-pagination.ts';
import { StudentSearchSelect } from '../../../components/student-search-select.tsx';
import { formatDate, formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useCreateHomeVisit, useHomeVisits } from '../api/home-visits-api.ts';
import { useUrlFilters } from '../../../lib/use-url-filters.ts';

const statusTag = (item: HomeVisitListItem) =>
  item.status === 'completed' ? <Tag color="success">已完成</Tag> : <Tag color="warning">草稿</Tag>;

/** 新建家访: pick the student, then the form opens (a draft from the first keystroke). */
function NewVisitModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [studentId, setStudentId] = useState<number | null>(null);
  const create = useCreateHomeVisit();
  const navigate = useNavigate();
  const start = async () => {
    if (!studentId) return;
    const visit = await create.mutateAsync({ studentId });
    onClose();
    void navigate(`/home-visits/${visit.id}`);
  };
  return (
    <Modal
      open={open}
      title="新建家访记录"
      okText="开始填写"
      onOk={() => void start()}
      okButtonProps={{ disabled: !studentId, loading: create.isPending }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={8}>
        <Typography.Text>选择要家访的学生(可按姓名或学号搜索;班主任只能选择本班学生):</Typography.Text>
        <StudentSearchSelect aria-label="学生" value={studentId} onChange={(id) => setStudentId(id)} />
      </Flex>
    </Modal>
  );
}

/** 家访记录: my drafts and the completed visits of the students I may see. */
export default function HomeVisitsPage() {
  const isMobile = useIsMobile();
  const [params, setParam] = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const status = (params.get('status') as VisitStatus | null) ?? undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const visits = useHomeVisits({ status, q: q || undefined, page, pageSize });

  const student = (row: HomeVisitListItem) => (
    <Flex vertical gap={2}>
      <Link to={`/home-visits/${row.id}`}>
        {row.student.name}
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          {row.student.studentNo}
        </Typography.Text>
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.student.className ?? '—'}
      </Typography.Text>
    </Flex>
  );
  const columns: TableColumnsType<HomeVisitListItem> = isMobile
    ? [
        {
          key: 'all',
          render: (_, row) => (
            <Flex vertical gap={4} data-testid="visit-card">
              <Flex justify="space-between" align="start" gap={8}>
                {student(row)}
                {statusTag(row)}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.visitedOn ? formatDate(row.visitedOn) : '日期未填'} · {row.mode ? visitModeLabels[row.mode] : '方式未填'}
                {row.photoCount ? ` · ${row.photoCount} 张照片` : ''}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'student', title: '学生', render: (_, row) => student(row) },
        { key: 'date', title: '家访日期', render: (_, row) => formatDate(row.visitedOn) },
        { key: 'mode', title: '方式', render: (_, row) => (row.mode ? visitModeLabels[row.mode] : '—') },
        { key: 'visitors', title: '走访人员', render: (_, row) => row.visitors.join('、') || '—' },
        {
          key: 'photos',
          title: '照片',
          render: (_, row) =>
            row.photoCount ? (
              <span>
                <CameraOutlined /> {row.photoCount}
              </span>
            ) : (
              '—'
            ),
        },
        { key: 'status', title: '状态', render: (_, row) => statusTag(row) },
        { key: 'by', title: '填写人', render: (_, row) => row.createdBy.displayName },
        { key: 'updated', title: '最近修改', render: (_, row) => formatDateTime(row.updatedAt) },
      ];

  return (
    <>
      <PageHeader
        title="家访记录"
        description="先家访后认定:只有“已完成”的家访计入困难认定。草稿随填随存,关闭页面也不会丢失。"
        extra={
          visits.data?.abilities.create.allowed ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建家访
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Segmented
          aria-label="按状态筛选"
          value={status ?? 'all'}
          onChange={(v) => setParam({ status: v === 'all' ? undefined : (v as string), page: undefined })}
          options={[
            { value: 'all', label: '全部' },
            { value: 'draft', label: '我的草稿' },
            { value: 'completed', label: '已完成' },
          ]}
        />
        <Input.Search
          aria-label="搜索学生姓名或学号"
          placeholder="学生姓名或学号"
          allowClear
          defaultValue={q}
          onSearch={(v) => setParam({ q: v.trim() || undefined, page: undefined })}
          style={{ width: isMobile ? '100%' : 240 }}
        />
      </Flex>
      <Table
        size={isMobile ? 'small' : 'middle'}
        rowKey="id"
        loading={visits.isFetching}
        columns={columns}
        dataSource={visits.data?.items ?? []}
        showHeader={!isMobile}
        pagination={serverPagination(isMobile, { page, pageSize }, visits.data?.total, (next) => setParam(next))}
        scroll={isMobile ? undefined : { x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无家访记录" /> }}
      />
      <NewVisitModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
