import { useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Descriptions, Empty, Flex, Popconfirm, Result, Select, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  activityTypeLabels,
  aidTypeLabels,
  archiveEntryKindLabels,
  archiveEntryKinds,
  goalStatusLabels,
  type ArchiveEntryDto,
  type ArchiveEntryKind,
  type GrowthArchiveDto,
} from '../../../../../contracts/growth-archive.ts';
import { schoolYearOf } from '../../../../../contracts/school-year.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useDeleteArchiveEntry, useDownloadArchive, useGrowthArchive } from '../api/growth-archive-api.ts';
import { EntryFormModal } from './entry-form-modal.tsx';

const kindColors: Record<ArchiveEntryKind, string> = { aid: 'gold', activity: 'blue', reward: 'green', note: 'purple', goal: 'cyan' };
const goalColors = { in_progress: 'processing', achieved: 'success', adjusted: 'warning' } as const;

/** 1234.5 → '1,234.50' */
const yuan = (amount: string) => {
  const [whole, cents] = amount.split('.');
  return `${Number(whole).toLocaleString('zh-CN')}.${cents ?? '00'}`;
};

function EntryBody({ entry }: { entry: ArchiveEntryDto }) {
  const text = (value: string | null) =>
    value ? (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, wordBreak: 'break-word' }}>{value}</Typography.Paragraph>
    ) : null;
  switch (entry.kind) {
    case 'aid':
      return (
        <>
          <Typography.Text strong>
            {entry.aidType ? aidTypeLabels[entry.aidType] : ''} {entry.amount ? `${yuan(entry.amount)} 元` : ''}
          </Typography.Text>
          {entry.funder ? <Typography.Text type="secondary"> · 资助方:{entry.funder}</Typography.Text> : null}
          {text(entry.note)}
        </>
      );
    case 'activity':
      return (
        <>
          <Typography.Text strong>{entry.title}</Typography.Text>
          <Typography.Text type="secondary">
            {' '}
            · {entry.activityType ? activityTypeLabels[entry.activityType] : ''}
            {entry.hours !== null ? ` · ${entry.hours} 学时` : ''}
          </Typography.Text>
          {text(entry.note)}
        </>
      );
    case 'reward':
      return (
        <>
          <Typography.Text strong>{entry.title}</Typography.Text>{' '}
          {entry.award ? <Tag color="green">成长奖励制度 · {entry.award.schoolYear} 学年</Tag> : null}
          {text(entry.note)}
        </>
      );
    case 'note':
      return text(entry.body);
    case 'goal':
      return (
        <>
          {text(entry.body)}
          <Flex gap={8} wrap align="center">
            {entry.goalStatus ? <Tag color={goalColors[entry.goalStatus]}>{goalStatusLabels[entry.goalStatus]}</Tag> : null}
            {entry.targetOn ? <Typography.Text type="secondary">目标日期 {entry.targetOn}</Typography.Text> : null}
          </Flex>
        </>
      );
  }
}

function EntryItem({
  entry,
  onEdit,
  onDelete,
  deleting,
}: {
  entry: ArchiveEntryDto;
  onEdit: () => void;
  onDelete: () => Promise<unknown>;
  deleting: boolean;
}) {
  const actions: ReactNode[] = [];
  if (entry.abilities.edit.allowed) {
    actions.push(
      <Button key="edit" size="small" type="link" onClick={onEdit} style={{ paddingInline: 0 }}>
        {t.edit}
      </Button>,
    );
  }
  if (entry.abilities.delete.allowed) {
    actions.push(
      <Popconfirm
        key="delete"
        title={`删除这条${archiveEntryKindLabels[entry.kind]}?`}
        description="删除后将记入审计日志。"
        okText={t.delete}
        okButtonProps={{ danger: true }}
        cancelText={t.cancel}
        onConfirm={onDelete}
      >
        <Button size="small" type="link" danger loading={deleting} style={{ paddingInline: 0 }}>
          {t.delete}
        </Button>
      </Popconfirm>,
    );
  }
  return (
    <Flex vertical gap={4} data-testid={`archive-entry-${entry.kind}`}>
      <Flex gap={8} align="center" wrap>
        <Tag color={kindColors[entry.kind]} style={{ marginInlineEnd: 0 }}>
          {archiveEntryKindLabels[entry.kind]}
        </Tag>
        <Typography.Text strong>{entry.occurredOn}</Typography.Text>
      </Flex>
      <div>
        <EntryBody entry={entry} />
      </div>
      <Flex gap={12} align="center" wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {entry.createdBy?.displayName ?? '—'} 记录于 {formatDateTime(entry.createdAt)}
          {entry.updatedAt !== entry.createdAt && entry.updatedBy
            ? `,${entry.updatedBy.displayName} 修改于 ${formatDateTime(entry.updatedAt)}`
            : ''}
        </Typography.Text>
        {entry.award ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            (在“单位工作台账—成长奖励制度”中管理)
          </Typography.Text>
        ) : null}
        {actions}
      </Flex>
    </Flex>
  );
}

function StudentSummary({ archive }: { archive: GrowthArchiveDto }) {
  const isMobile = useIsMobile();
  const s = archive.student;
  return (
    <Descriptions
      size="small"
      column={isMobile ? 1 : 3}
      items={[
        { key: 'name', label: '姓名', children: s.name },
        { key: 'no', label: '学号', children: s.studentNo },
        { key: 'unit', label: '单位', children: s.unitName },
        { key: 'programme', label: '院系/专业', children: [s.department, s.programme].filter(Boolean).join(' / ') },
        { key: 'class', label: '年级/班级', children: `${s.grade} 年级 ${s.className ?? ''}` },
        { key: 'id', label: '身份证号', children: s.idNumberMasked ?? '未登记' },
      ]}
    />
  );
}

/**
 * 资助成长档案 of one student: the timeline, forms to add each kind of entry (as
 * the server allows, with the reason when it does not), and the printable .docx.
 * Self-contained: embed it in any page that knows the student's id.
 */
export function GrowthArchivePanel({ studentId }: { studentId: number }) {
  const isMobile = useIsMobile();
  const [kind, setKind] = useState<ArchiveEntryKind | undefined>();
  const [schoolYear, setSchoolYear] = useState<string | undefined>();
  const [editing, setEditing] = useState<{ kind: ArchiveEntryKind; entry: ArchiveEntryDto | null } | null>(null);
  const query = useGrowthArchive(studentId, { kind, schoolYear });
  const remove = useDeleteArchiveEntry(studentId);
  const download = useDownloadArchive(studentId);
  const [deletingId, setDeletingId] = useState<number | null>(null);
  const archive = query.data;

  const yearOptions = useMemo(() => {
    const years = new Set([schoolYearOf(new Date()), ...(archive?.aidTotals.map((a) => a.schoolYear) ?? [])]);
    for (const e of archive?.entries ?? []) years.add(e.schoolYear);
    return [...years]
      .sort()
      .reverse()
      .map((y) => ({ value: y, label: `${y} 学年` }));
  }, [archive]);

  if (query.isPending) return <PageLoading />;
  if (query.isError && !archive) {
    return <Result status="403" title="无法查看成长档案" subTitle={errorMessage(query.error)} />;
  }
  if (!archive) return null;

  const items = archive.entries.map((entry) => ({
    key: entry.id,
    color: kindColors[entry.kind],
    content: (
      <EntryItem
        entry={entry}
        onEdit={() => setEditing({ kind: entry.kind, entry })}
        deleting={deletingId === entry.id}
        onDelete={() => {
          setDeletingId(entry.id);
          return remove
            .mutateAsync(entry.id)
            .then(() => notifySuccess('记录已删除'))
            .catch(() => undefined)
            .finally(() => setDeletingId(null));
        }}
      />
    ),
  }));

  return (
    <Flex vertical gap={16}>
      <Card size="small" styles={{ body: { paddingInline: isMobile ? 12 : 16 } }}>
        <StudentSummary archive={archive} />
        {archive.aidTotals.length ? (
          <Flex gap={8} wrap style={{ marginTop: 8 }} data-testid="aid-totals">
            {archive.aidTotals.map((a) => (
              <Tag key={a.schoolYear} color="gold">
                {a.schoolYear} 学年受助 {a.count} 笔,共 {yuan(a.amount)} 元
              </Tag>
            ))}
          </Flex>
        ) : null}
      </Card>

      <Card
        size="small"
        title="成长档案"
        styles={{ body: { paddingInline: isMobile ? 12 : 16 } }}
        extra={
          <AbilityButton
            ability={archive.abilities.export}
            icon={<DownloadOutlined />}
            loading={download.isPending}
            onClick={() => download.mutate()}
          >
            {isMobile ? '下载' : '下载档案(.docx)'}
          </AbilityButton>
        }
      >
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          {archiveEntryKinds.map((k) => (
            <AbilityButton
              key={k}
              ability={archive.abilities.create[k]}
              icon={<PlusOutlined />}
              size={isMobile ? 'small' : 'middle'}
              onClick={() => setEditing({ kind: k, entry: null })}
            >
              {archiveEntryKindLabels[k]}
            </AbilityButton>
          ))}
        </Flex>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label="按类型筛选"
            allowClear
            placeholder="全部类型"
            value={kind}
            onChange={setKind}
            options={archiveEntryKinds.map((k) => ({ value: k, label: archiveEntryKindLabels[k] }))}
            style={{ width: isMobile ? 'calc(50% - 4px)' : 160 }}
          />
          <Select
            aria-label="按学年筛选"
            allowClear
            placeholder="全部学年"
            value={schoolYear}
            onChange={setSchoolYear}
            options={yearOptions}
            style={{ width: isMobile ? 'calc(50% - 4px)' : 180 }}
          />
        </Flex>
        {items.length ? (
          <Timeline items={items} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={kind || schoolYear ? '没有符合条件的记录' : '档案中还没有记录'} />
        )}
      </Card>

      <EntryFormModal studentId={studentId} kind={editing?.kind ?? null} entry={editing?.entry ?? null} onClose={() => setEditing(null)} />
    </Flex>
  );
}
