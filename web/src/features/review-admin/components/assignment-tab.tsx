import { useState } from 'react';
import { Card, Flex, Popconfirm, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { ThunderboltOutlined, UploadOutlined } from '@ant-design/icons';
import { messageFor } from '../../../../../contracts/reasons.ts';
import type { AssignmentCaseDto } from '../../../../../contracts/review-assignment.ts';
import { assignmentMethodLabels } from '../../../../../contracts/review.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useAssignmentBoard, useAssignmentChanges } from '../api/review-admin-api.ts';
import { AssignmentImportModal } from './assignment-import-modal.tsx';
import { AutoAssignModal } from './auto-assign-modal.tsx';
import { KindTag } from './pool-tab.tsx';

export function AssignmentTab({ trackId }: { trackId: number }) {
  const board = useAssignmentBoard(trackId);
  const { assign, unassign, refresh } = useAssignmentChanges(trackId);
  const isMobile = useIsMobile();
  const [autoOpen, setAutoOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const data = board.data;
  const loads = data?.loads ?? [];

  const reviewersCell = (c: AssignmentCaseDto) => (
    <Flex wrap gap={4}>
      {c.reviewers.map((r) => (
        <Popconfirm
          key={r.assignmentId}
          title={`取消 ${r.displayName} 对该案例的评审分配?`}
          okText="取消分配"
          cancelText="保留"
          disabled={!r.abilities.remove.allowed}
          onConfirm={() => unassign.mutate(r.assignmentId, { onSuccess: () => notifySuccess(`已取消 ${r.displayName} 的分配`) })}
        >
          <Tooltip
            title={
              r.abilities.remove.allowed
                ? `${assignmentMethodLabels[r.method]} · 点击取消`
                : messageFor(r.abilities.remove.whyNot ?? 'forbidden')
            }
          >
            <Tag
              color={c.conflictedReviewerIds.includes(r.reviewerId) ? 'red' : r.submitted ? 'green' : 'blue'}
              style={{ cursor: r.abilities.remove.allowed ? 'pointer' : 'default' }}
              data-testid="assigned-reviewer"
            >
              {r.displayName}
              {r.submitted ? ' ✓' : ''}
              {/* A conflict declared after the assignment: the admin decides whether to remove it. */}
              {c.conflictedReviewerIds.includes(r.reviewerId) ? '(回避)' : ''}
            </Tag>
          </Tooltip>
        </Popconfirm>
      ))}
      {c.reviewers.length === 0 && !c.abilities.assign.allowed && c.abilities.assign.whyNot === 'review_coordinator_conflict' ? (
        <Tag>回避</Tag>
      ) : null}
    </Flex>
  );

  const addCell = (c: AssignmentCaseDto) => {
    if (!c.abilities.assign.allowed) {
      return (
        <Tooltip title={messageFor(c.abilities.assign.whyNot ?? 'forbidden')}>
          <Typography.Text type="secondary">不可分配</Typography.Text>
        </Tooltip>
      );
    }
    const on = new Set(c.reviewers.map((r) => r.reviewerId));
    const conflicted = new Set(c.conflictedReviewerIds);
    return (
      <Select
        size="small"
        placeholder="添加专家"
        aria-label={`为 ${c.receiptNo ?? c.title} 添加专家`}
        style={{ width: isMobile ? '100%' : 170 }}
        value={null}
        loading={assign.isPending}
        onChange={(reviewerId: number) =>
          assign.mutate({ submissionId: c.submissionId, reviewerId }, { onSuccess: () => notifySuccess('已分配,并已通知专家') })
        }
        options={loads
          .filter((l) => !on.has(l.reviewerId))
          .map((l) => ({
            value: l.reviewerId,
            disabled: conflicted.has(l.reviewerId),
            label: `${l.displayName}(${l.load}${conflicted.has(l.reviewerId) ? ',回避' : ''})`,
          }))}
      />
    );
  };

  const need = data?.reviewersPerCase ?? 0;
  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8} justify="space-between" align="center">
        <Typography.Text type="secondary">
          每个案例需 {need} 位专家;已受理 {data?.cases.length ?? 0} 个案例,
          {data?.cases.filter((c) => c.reviewers.length >= need).length ?? 0} 个已满足。
        </Typography.Text>
        <Flex wrap gap={8}>
          <AbilityButton ability={data?.abilities.importXlsx} icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
            导入分配表
          </AbilityButton>
          <AbilityButton
            ability={data?.abilities.autoAssign}
            type="primary"
            icon={<ThunderboltOutlined />}
            onClick={() => setAutoOpen(true)}
          >
            自动分配
          </AbilityButton>
        </Flex>
      </Flex>

      <Card size="small" title="每位专家的任务量">
        {loads.length ? (
          <Flex wrap gap={8} data-testid="reviewer-loads">
            {loads.map((l) => (
              <Tag key={l.reviewerId} style={{ padding: '2px 8px' }}>
                <Flex gap={4} align="center">
                  {l.displayName}
                  <KindTag kind={l.kind} />
                  <Typography.Text strong>{l.load}</Typography.Text>
                </Flex>
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">专家库还没有专家,请先在“专家库”中添加。</Typography.Text>
        )}
      </Card>

      <Table<AssignmentCaseDto>
        size="small"
        rowKey="submissionId"
        loading={board.isLoading}
        dataSource={data?.cases ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={isMobile ? undefined : { x: 'max-content' }}
        showHeader={!isMobile}
        locale={{ emptyText: '本类别还没有通过形式审查的案例' }}
        data-testid="assignment-table"
        columns={
          isMobile
            ? [
                {
                  key: 'all',
                  render: (_, c) => (
                    <Flex vertical gap={6}>
                      <Typography.Text type="secondary">{c.receiptNo}</Typography.Text>
                      <Typography.Text strong>{c.title}</Typography.Text>
                      <Typography.Text type="secondary">{c.unit.name}</Typography.Text>
                      {reviewersCell(c)}
                      {addCell(c)}
                    </Flex>
                  ),
                },
              ]
            : [
                { title: '受理编号', dataIndex: 'receiptNo', width: 130 },
                {
                  title: '案例',
                  key: 'title',
                  render: (_, c) => (
                    <Flex vertical style={{ maxWidth: 360 }}>
                      <Typography.Text>{c.title}</Typography.Text>
                      <Typography.Text type="secondary">{c.unit.name}</Typography.Text>
                    </Flex>
                  ),
                },
                {
                  title: '评审专家',
                  key: 'reviewers',
                  render: (_, c) => (
                    <Flex vertical gap={4}>
                      {reviewersCell(c)}
                      <Typography.Text type={c.reviewers.length >= need ? 'success' : 'warning'}>
                        {c.reviewers.length} / {need}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                { title: '添加', key: 'add', render: (_, c) => addCell(c) },
              ]
        }
      />
      <AutoAssignModal trackId={trackId} open={autoOpen} onClose={() => setAutoOpen(false)} />
      <AssignmentImportModal trackId={trackId} open={importOpen} onClose={() => setImportOpen(false)} onDone={refresh} />
    </Flex>
  );
}
