import { Link } from 'react-router';
import { Button, Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { PaperClipOutlined, SettingOutlined } from '@ant-design/icons';
import { campaignStatusLabels } from '../../../../../contracts/campaigns.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useCampaigns } from '../api/campaigns-api.ts';
import { statusColors } from '../components/status.ts';
import { TrackCard } from '../components/track-card.tsx';

export default function CampaignsPage() {
  const { data, isPending } = useCampaigns();
  const isMobile = useIsMobile();
  if (isPending) return <PageLoading />;
  const campaigns = (data ?? []).slice().sort((a, b) => b.year - a.year);

  return (
    <>
      <PageHeader
        title={t.menu.campaigns}
        description="“苏乡永助”资助育人主题活动及其类别"
        extra={
          campaigns.some((c) => c.abilities.update || c.abilities.copy) ? (
            <Link to="/admin/campaigns">
              <Button icon={<SettingOutlined />}>活动管理</Button>
            </Link>
          ) : null
        }
      />
      {campaigns.length === 0 ? (
        <Card>
          <Empty description="暂无活动" />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {campaigns.map((campaign) => (
            <Card
              key={campaign.id}
              data-testid={`campaign-${campaign.year}`}
              styles={{ body: { padding: isMobile ? 12 : 24 } }}
              title={
                <Flex wrap gap={8} align="center">
                  <span style={{ whiteSpace: 'normal' }}>{campaign.title}</span>
                  <Tag color={statusColors[campaign.status]}>{campaignStatusLabels[campaign.status]}</Tag>
                </Flex>
              }
              extra={<Typography.Text type="secondary">{campaign.year} 年</Typography.Text>}
            >
              {campaign.summaryDueOn ? (
                <Typography.Paragraph type="secondary">总结报告截止:{formatDate(campaign.summaryDueOn)}</Typography.Paragraph>
              ) : null}
              {campaign.noticeText ? (
                <Typography.Paragraph
                  style={{ whiteSpace: 'pre-line' }}
                  ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (expanded) => (expanded ? '收起' : '展开') }}
                >
                  {campaign.noticeText}
                </Typography.Paragraph>
              ) : null}
              {campaign.files.length > 0 ? (
                <Flex wrap gap={12} style={{ marginBottom: 12 }}>
                  {campaign.files.map((file) => (
                    <a key={file.id} href={file.url} download={file.name}>
                      <PaperClipOutlined /> {file.name}
                    </a>
                  ))}
                </Flex>
              ) : null}
              <Row gutter={[16, 16]}>
                {campaign.tracks.map((track) => (
                  <Col key={track.id} xs={24} md={12} xxl={6}>
                    <TrackCard track={track} />
                  </Col>
                ))}
              </Row>
            </Card>
          ))}
        </Flex>
      )}
    </>
  );
}
