import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Card, Empty, Flex, List, Select, Table, Typography } from 'antd';
import type { MyAssignmentDto } from '../../../../../contracts/reviews.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useMyAssignments } from '../api/reviews-api.ts';
import { ReviewStateTag } from '../components/review-state-tag.tsx';

/** 评审任务: the cases assigned to me, newest campaign first. */
export default function MyReviewsPage() {
  const { data, isPending, isError, error } = useMyAssignments();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const campaigns = useMemo(() => [...new Map((data ?? []).map((a) => [a.campaign.id, a.campaign])).values()], [data]);
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const shownCampaign = campaignId ?? campaigns[0]?.id ?? null;
  const rows = (data ?? []).filter((a) => a.campaign.id === shownCampaign);
  const open = (a: MyAssignmentDto) => void navigate(`/reviews/${a.submissionId}`);
  const done = rows.filter((a) => a.state === 'submitted').length;

  if (isPending) return <PageLoading />;
  return (
    <>
      <PageHeader
        title="评审任务"
        description={rows.length ? `共 ${rows.length} 个案例,已提交 ${done} 个` : '分配给您的评审案例'}
        extra={
          campaigns.length > 1 ? (
            <Select
              aria-label="主题活动"
              style={{ minWidth: 200 }}
              value={shownCampaign ?? undefined}
              onChange={setCampaignId}
              options={campaigns.map((c) => ({ value: c.id, label: c.title }))}
            />
          ) : null
        }
      />
      {isError ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
      {!rows.length ? (
        <Card>
          <Empty description="目前没有分配给您的评审任务。分配后您会收到站内消息和邮件。" />
        </Card>
      ) : isMobile ? (
        <List
          dataSource={rows}
          renderItem={(a) => (
            <Card size="small" style={{ marginBottom: 8 }} onClick={() => open(a)} hoverable data-testid="assignment">
              <Flex vertical gap={4}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong>{a.title}</Typography.Text>
                  <ReviewStateTag state={a.state} />
                </Flex>
                <Typography.Text type="secondary">
                  {a.receiptNo} · {a.track.name}
                </Typography.Text>
                <Typography.Text type="secondary">
                  截止 {a.closesAt ? formatDateTime(a.closesAt) : '未设定'}
                  {a.total !== null ? ` · 总分 ${a.total}` : ''}
                </Typography.Text>
              </Flex>
            </Card>
          )}
        />
      ) : (
        <Table<MyAssignmentDto>
          rowKey="submissionId"
          dataSource={rows}
          pagination={false}
          onRow={(a) => ({ onClick: () => open(a), style: { cursor: 'pointer' }, 'data-testid': 'assignment' }) as never}
          columns={[
            { title: '受理号', dataIndex: 'receiptNo', width: 140 },
            { title: '案例名称', dataIndex: 'title', render: (title: string) => <Typography.Link>{title}</Typography.Link> },
            { title: '类别', render: (_, a) => a.track.name, width: 220 },
            { title: '评审截止', dataIndex: 'closesAt', width: 200, render: (v: string | null) => (v ? formatDateTime(v) : '未设定') },
            { title: '状态', dataIndex: 'state', width: 90, render: (_, a) => <ReviewStateTag state={a.state} /> },
            { title: '总分', dataIndex: 'total', width: 80, render: (v: number | null) => v ?? '—' },
          ]}
        />
      )}
    </>
  );
}
