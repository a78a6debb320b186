import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, Flex, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CopyOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { campaignStatusLabels, type CampaignDto } from '../../../../../contracts/campaigns.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { formatDate } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useCampaigns, useDeleteCampaign } from '../api/campaigns-api.ts';
import { TransitionButton } from '../components/campaign-actions.tsx';
import { CampaignCreateModal } from '../components/campaign-create-modal.tsx';
import { statusColors } from '../components/status.ts';

/** The institute admin's list of campaigns: create, copy to next year, move through the stages. */
export default function CampaignAdminPage() {
  const { data, isFetching } = useCampaigns();
  const isMobile = useIsMobile();
  const remove = useDeleteCampaign();
  const [dialog, setDialog] = useState<{ source: CampaignDto | null } | null>(null);
  const campaigns = (data ?? []).slice().sort((a, b) => b.year - a.year);
  const nextYear = campaigns.length > 0 ? Math.max(...campaigns.map((c) => c.year)) + 1 : new Date().getFullYear();

  const actions = (c: CampaignDto) => (
    <Flex wrap gap={8}>
      <Link to={`/admin/campaigns/${c.id}`}>
        <Button icon={<SettingOutlined />}>设置</Button>
      </Link>
      <TransitionButton campaign={c} />
      {c.abilities.copy ? (
        <Button icon={<CopyOutlined />} onClick={() => setDialog({ source: c })}>
          复制到新一年
        </Button>
      ) : null}
      {c.abilities.delete ? (
        <Popconfirm
          title="删除活动"
          description="删除后不可恢复,确定删除这个筹备中的活动?"
          okText="删除"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() =>
            remove.mutateAsync(c.id).then(
              () => notifySuccess('已删除'),
              () => undefined,
            )
          }
        >
          <Button danger>删除</Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );

  const columns: TableColumnsType<CampaignDto> = [
    { title: '年份', dataIndex: 'year', width: 80 },
    {
      title: '活动',
      key: 'title',
      render: (_, c) => (
        <Flex vertical gap={4}>
          <Link to={`/admin/campaigns/${c.id}`}>{c.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.tracks.length} 个类别 · 总结报告截止 {formatDate(c.summaryDueOn)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 100,
      render: (_, c) => <Tag color={statusColors[c.status]}>{campaignStatusLabels[c.status]}</Tag>,
    },
    { title: t.actions, key: 'actions', render: (_, c) => actions(c) },
  ];

  const compact: TableColumnsType<CampaignDto> = [
    {
      title: '活动',
      key: 'all',
      render: (_, c) => (
        <Flex vertical gap={8}>
          <Flex justify="space-between" gap={8} align="flex-start">
            <Link to={`/admin/campaigns/${c.id}`} style={{ whiteSpace: 'normal' }}>
              {c.title}
            </Link>
            <Tag color={statusColors[c.status]} style={{ marginInlineEnd: 0 }}>
              {campaignStatusLabels[c.status]}
            </Tag>
          </Flex>
          {actions(c)}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="活动管理"
        description="新建或复制年度活动,设置类别、名额和表单,推进活动阶段"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ source: null })}>
            新建活动
          </Button>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <Table<CampaignDto>
          rowKey="id"
          columns={isMobile ? compact : columns}
          dataSource={campaigns}
          loading={isFetching}
          pagination={false}
          scroll={isMobile ? undefined : { x: 'max-content' }}
          locale={{ emptyText: <Empty description="还没有活动,点击“新建活动”开始" /> }}
        />
      </Card>
      <CampaignCreateModal
        open={dialog !== null}
        source={dialog?.source ?? null}
        suggestedYear={dialog?.source ? Math.max(nextYear, dialog.source.year + 1) : nextYear}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
