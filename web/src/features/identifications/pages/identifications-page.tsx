import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, Empty, Flex, Input, Select, Table, Tabs, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import {
  identificationStatusLabels,
  identificationStatuses,
  type IdentificationDto,
  type IdentificationStatus,
} from '../../../../../contracts/identifications.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { serverPagination } from '../../../components/server-pagination.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useIdentifications, useLevels } from '../api/identifications-api.ts';
import { ApplyModal } from '../components/apply-modal.tsx';
import { IdentificationDrawer } from '../components/identification-drawer.tsx';
import { PublishModal } from '../components/publish-modal.tsx';
import { recentSchoolYears } from '../../../../../contracts/school-year.ts';
import { StatusTag } from '../components/status-tag.tsx';
import { StepActions } from '../components/step-actions.tsx';
import { StepModal, type StepKind } from '../components/step-modal.tsx';
import { useUrlFilters } from '../../../lib/use-url-filters.ts';

const isStatus = (v: string | null): v is IdentificationStatus => v !== null && (identificationStatuses as readonly string[]).includes(v);

function VisitMark({ item }: { item: IdentificationDto }) {
  return item.hasCompletedVisit ? (
    <Typography.Text type="success" data-testid="visit-done">
      <CheckCircleFilled /> 已家访
    </Typography.Text>
  ) : (
    <Tooltip title="先家访后认定:单位审核前须完成该生本学年的家访">
      <Typography.Text type="warning" data-testid="visit-missing">
        <CloseCircleOutlined /> 未家访
      </Typography.Text>
    </Tooltip>
  );
}

/** 困难认定: one school year's pipeline, each row with the steps the user may take (or why not). */
export default function IdentificationsPage() {
  const isMobile = useIsMobile();
  const years = recentSchoolYears(3);
  const [params, setParam] = useUrlFilters();
  const schoolYear = params.get('year') && years.includes(params.get('year')!) ? params.get('year')! : years[0]!;
  const status = isStatus(params.get('status')) ? (params.get('status') as IdentificationStatus) : undefined;
  const levelId = Number(params.get('level')) || undefined;
  const className = params.get('class') ?? undefined;
  const q = params.get('q') ?? undefined;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const list = useIdentifications({ schoolYear, status, levelId, className, q, page, pageSize });
  const levels = useLevels();
  const [applying, setApplying] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [step, setStep] = useState<{ kind: StepKind; item: IdentificationDto } | null>(null);
  const counts = list.data?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const onStep = (item: IdentificationDto) => (kind: StepKind) => setStep({ kind, item });

  const student = (row: IdentificationDto) => (
    <Flex vertical gap={2}>
      <Button type="link" style={{ padding: 0, height: 'auto', alignSelf: 'flex-start' }} onClick={() => setOpenId(row.id)}>
        {row.student.name}
      </Button>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.student.studentNo} · {row.student.className ?? '—'}
      </Typography.Text>
    </Flex>
  );
  const levelText = (row: IdentificationDto) =>
    row.level?.name ?? (row.review?.proposedLevel ? `拟:${row.review.proposedLevel.name}` : '—');
  const columns: TableColumnsType<IdentificationDto> = isMobile
    ? [
        {
          key: 'all',
          render: (_, row) => (
            <Flex vertical gap={6} data-testid="identification-card">
              <Flex justify="space-between" align="start" gap={8}>
                {student(row)}
                <StatusTag status={row.status} />
              </Flex>
              <Flex gap={12}>
                <VisitMark item={row} />
                <Typography.Text type="secondary">等级:{levelText(row)}</Typography.Text>
              </Flex>
              <StepActions item={row} onStep={onStep(row)} />
            </Flex>
          ),
        },
      ]
    : [
        { key: 'student', title: '学生', render: (_, row) => student(row) },
        { key: 'status', title: '当前步骤', render: (_, row) => <StatusTag status={row.status} /> },
        { key: 'visit', title: '家访', render: (_, row) => <VisitMark item={row} /> },
        {
          key: 'appraisal',
          title: '民主评议',
          render: (_, row) => (row.appraisal ? (row.appraisal.result === 'supported' ? '同意' : '不同意') : '—'),
        },
        { key: 'level', title: '等级', render: (_, row) => levelText(row) },
        { key: 'actions', title: '办理', render: (_, row) => <StepActions item={row} onStep={onStep(row)} /> },
      ];

  return (
    <>
      <PageHeader
        title="家庭经济困难认定"
        description="申请(诚信承诺)→ 家访 → 民主评议 → 单位审核 → 学院复核 → 公示 → 归档。没有本学年已完成的家访,不能审核通过。"
        extra={
          <>
            <Select
              aria-label="学年"
              value={schoolYear}
              onChange={(v) => setParam({ year: v, page: undefined })}
              options={years.map((y) => ({ value: y, label: `${y}学年` }))}
              style={{ width: 150 }}
            />
            {list.data?.abilities.apply.allowed ? (
              <Button icon={<PlusOutlined />} onClick={() => setApplying(true)}>
                录入申请
              </Button>
            ) : null}
            {list.data?.abilities.publishNotice.allowed ? (
              <AbilityButton
                ability={list.data.abilities.publishNotice}
                icon={<NotificationOutlined />}
                onClick={() => setPublishing(true)}
              >
                发布公示
              </AbilityButton>
            ) : null}
          </>
        }
      />
      <Tabs
        activeKey={status ?? 'all'}
        onChange={(key) => setParam({ status: key === 'all' ? undefined : key, page: undefined })}
        size="small"
        items={[
          { key: 'all', label: <span>全部 {total}</span> },
          ...identificationStatuses.map((s) => ({
            key: s,
            label: (
              <span>
                {identificationStatusLabels[s]}{' '}
                <Badge count={counts[s] ?? 0} showZero color={counts[s] ? undefined : '#d9d9d9'} size="small" />
              </span>
            ),
          })),
        ]}
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          aria-label="按等级筛选"
          allowClear
          placeholder="全部等级"
          value={levelId}
          onChange={(v?: number) => setParam({ level: v, page: undefined })}
          options={(levels.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          style={{ width: isMobile ? '100%' : 160 }}
        />
        <Input.Search
          aria-label="按班级筛选"
          placeholder="班级(完整名称)"
          allowClear
          defaultValue={className}
          onSearch={(v) => setParam({ class: v.trim() || undefined, page: undefined })}
          style={{ width: isMobile ? '100%' : 200 }}
        />
        <Input.Search
          aria-label="搜索学生姓名或学号"
          placeholder="学生姓名或学号"
          allowClear
          defaultValue={q}
          onSearch={(v) => setParam({ q: v.trim() || undefined, page: undefined })}
          style={{ width: isMobile ? '100%' : 220 }}
        />
        <Link to="/notices" style={{ alignSelf: 'center' }}>
          查看公示
        </Link>
      </Flex>
      <Table
        size={isMobile ? 'small' : 'middle'}
        rowKey="id"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        showHeader={!isMobile}
        pagination={serverPagination(isMobile, { page, pageSize }, list.data?.total, (next) => setParam(next))}
        scroll={isMobile ? undefined : { x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本学年暂无认定记录" /> }}
      />
      <ApplyModal
        schoolYear={schoolYear}
        open={applying}
        onClose={() => setApplying(false)}
        onCreated={(id) => {
          setApplying(false);
          setOpenId(id);
        }}
      />
      {publishing ? <PublishModal schoolYear={schoolYear} waiting={counts.confirmed ?? 0} onClose={() => setPublishing(false)} /> : null}
      <IdentificationDrawer id={openId} onClose={() => setOpenId(null)} onStep={(kind, item) => setStep({ kind, item })} />
      {step ? <StepModal key={`${step.kind}-${step.item.id}`} kind={step.kind} item={step.item} onClose={() => setStep(null)} /> : null}
    </>
  );
}
