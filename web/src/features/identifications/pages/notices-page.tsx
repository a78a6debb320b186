import { Link } from 'react-router';
import { Badge, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { noticeStateLabels, type NoticeState, type NoticeSummaryDto } from '../../../../../contracts/identifications.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useNotices } from '../api/identifications-api.ts';

const stateColors: Record<NoticeState, string> = { scheduled: 'default', running: 'gold', ended: 'blue', archived: 'success' };

function NoticeItem({ n }: { n: NoticeSummaryDto }) {
  const readable = n.state === 'running';
  return (
    <List.Item>
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex wrap gap={8} align="center">
          {readable || n.abilities.manage.allowed ? (
            <Link to={`/notices/${n.id}`}>{n.title}</Link>
          ) : (
            <Typography.Text>{n.title}</Typography.Text>
          )}
          <Tag color={stateColors[n.state]}>{noticeStateLabels[n.state]}</Tag>
          {n.openObjections ? <Badge count={`${n.openObjections} 条异议待处理`} /> : null}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {n.unit.name} · {formatDate(n.startsOn)} 至 {formatDate(n.endsOn)}({n.workingDays} 个工作日)· {n.entryCount} 人
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/** 公示: the notices running now for the user's unit (the institute: every unit); managers also see the others. */
export default function NoticesPage() {
  const notices = useNotices();
  if (notices.isPending) return <PageLoading />;
  const items = notices.data ?? [];
  return (
    <>
      <PageHeader title="认定结果公示" description="公示期内,本单位和学院的老师可查看名单并提出异议;公示期满后名单不再公开。" />
      <Card size="small">
        {items.length === 0 ? (
          <Empty description="目前没有公示" />
        ) : (
          <List dataSource={items} renderItem={(n) => <NoticeItem key={n.id} n={n} />} />
        )}
      </Card>
    </>
  );
}
