import { useEffect } from 'react';
import { Alert, Button, Flex, Modal, Spin, Table, Tag, Typography } from 'antd';
import { messageFor } from '../../../../../contracts/reasons.ts';
import type { AutoAssignPreviewDto } from '../../../../../contracts/review-assignment.ts';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useAssignmentChanges } from '../api/review-admin-api.ts';
import { KindTag } from './pool-tab.tsx';

/** 自动分配: the plan is computed on the server and shown; 确认分配 applies exactly that plan. */
export function AutoAssignModal({ trackId, open, onClose }: { trackId: number; open: boolean; onClose: () => void }) {
  const { preview, apply } = useAssignmentChanges(trackId);
  const isMobile = useIsMobile();
  const plan: AutoAssignPreviewDto | undefined = preview.data;

  useEffect(() => {
    if (open) preview.mutate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a fresh preview each time the dialog opens
  }, [open]);

  const confirm = () => {
    if (!plan) return;
    apply.mutate(plan.planHash, {
      onSuccess: (result) => {
        notifySuccess(`已分配 ${result.created} 项评审任务,已通知 ${result.notifiedReviewers} 位专家`);
        onClose();
      },
      onError: (error) => {
        notifyError(errorMessage(error));
        // The state changed since the preview: show the plan as it now is.
        if (isApiError(error) && error.code === 'assignment_plan_stale') preview.mutate();
      },
    });
  };

  const byCase = new Map<number, { receiptNo: string | null; title: string; reviewers: string[] }>();
  for (const a of plan?.assignments ?? []) {
    const entry = byCase.get(a.submissionId) ?? { receiptNo: a.receiptNo, title: a.title, reviewers: [] };
    entry.reviewers.push(a.reviewerName);
    byCase.set(a.submissionId, entry);
  }

  return (
    <Modal
      title="自动分配预览"
      open={open}
      onCancel={onClose}
      width={isMobile ? '100%' : 760}
      destroyOnHidden
      footer={
        <Flex wrap justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!plan || plan.assignments.length === 0} loading={apply.isPending} onClick={confirm}>
            确认分配
          </Button>
        </Flex>
      }
    >
      {preview.isPending || !plan ? (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      ) : (
        <Flex vertical gap={16} data-testid="auto-assign-preview">
          <Typography.Text>
            将新增 <Typography.Text strong>{plan.assignments.length}</Typography.Text> 项分配,涉及 {byCase.size}{' '}
            个案例;已有分配保持不变,回避关系自动避开。
          </Typography.Text>
          {plan.unsatisfied.length ? (
            <Alert
              type="warning"
              showIcon
              title={`${plan.unsatisfied.length} 个案例无法分配足够的专家`}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {plan.unsatisfied.map((u) => (
                    <li key={u.submissionId}>
                      {u.receiptNo ?? ''} {u.title}:还差 {u.missing} 位。{messageFor(u.reason)}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
          <div>
            <Typography.Title level={5}>每位专家的任务量</Typography.Title>
            <Table
              size="small"
              rowKey="reviewerId"
              dataSource={plan.loads}
              pagination={false}
              data-testid="preview-loads"
              columns={[
                {
                  title: '专家',
                  key: 'name',
                  render: (_, l) => (
                    <Flex wrap gap={4}>
                      {l.displayName}
                      <KindTag kind={l.kind} />
                    </Flex>
                  ),
                },
                { title: '新增', dataIndex: 'added', render: (v: number) => (v ? <Tag color="green">+{v}</Tag> : 0) },
                { title: '分配后共计', dataIndex: 'load' },
              ]}
            />
          </div>
          {byCase.size ? (
            <div>
              <Typography.Title level={5}>分配方案</Typography.Title>
              <Table
                size="small"
                rowKey={(row) => `${row.receiptNo}-${row.title}`}
                dataSource={[...byCase.values()]}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  {
                    title: '案例',
                    key: 'case',
                    render: (_, c) => (
                      <Flex vertical>
                        <Typography.Text type="secondary">{c.receiptNo}</Typography.Text>
                        <Typography.Text>{c.title}</Typography.Text>
                      </Flex>
                    ),
                  },
                  { title: '新增专家', key: 'reviewers', render: (_, c) => c.reviewers.join('、') },
                ]}
              />
            </div>
          ) : (
            <Alert type="info" showIcon title="没有需要新增的分配:每个案例的专家已满足要求,或无法再分配。" />
          )}
        </Flex>
      )}
    </Modal>
  );
}
