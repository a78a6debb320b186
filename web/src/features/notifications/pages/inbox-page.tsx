import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, List, Segmented } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { InboxMessageDto } from '../../../../../contracts/notifications.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { safeNextPath } from '../../../lib/safe-next.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useInbox, useMarkAllRead, useMarkRead, useUnreadCount, type InboxFilter } from '../api/notifications-api.ts';
import { MessageItem } from '../components/message-item.tsx';

export default function InboxPage() {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<InboxFilter>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useInbox(filter);
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unreadCount = unread.data?.count ?? 0;

  const open = (message: InboxMessageDto) => {
    if (message.readAt === null) markRead.mutate(message.id);
    if (message.link) void navigate(safeNextPath(message.link));
  };

  return (
    <>
      <PageHeader
        title={t.menu.inbox}
        description={unreadCount > 0 ? `${unreadCount} 条未读` : '没有未读消息'}
        extra={
          <Button
            icon={<CheckOutlined />}
            disabled={unreadCount === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate(undefined, { onSuccess: () => notifySuccess('已全部标为已读') })}
          >
            全部标为已读
          </Button>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <Segmented
          aria-label="筛选消息"
          style={{ marginBottom: 8 }}
          value={filter.unread ? 'unread' : 'all'}
          onChange={(value) => setFilter((prev) => ({ ...prev, page: 1, unread: value === 'unread' }))}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: `未读${unreadCount > 0 ? ` (${unreadCount})` : ''}` },
          ]}
        />
        <List<InboxMessageDto>
          loading={isFetching && !data}
          dataSource={data?.items ?? []}
          locale={{ emptyText: filter.unread ? '没有未读消息' : '暂无消息。申报提交、退回、截止提醒等会出现在这里。' }}
          renderItem={(message) => (
            <MessageItem
              key={message.id}
              message={message}
              onOpen={open}
              onMarkRead={(m) => markRead.mutate(m.id)}
              marking={markRead.isPending && markRead.variables === message.id}
            />
          )}
          pagination={
            (data?.total ?? 0) > filter.pageSize
              ? {
                  current: filter.page,
                  pageSize: filter.pageSize,
                  total: data?.total ?? 0,
                  simple: isMobile,
                  showTotal: isMobile ? undefined : t.totalItems,
                  onChange: (page, pageSize) => setFilter((prev) => ({ ...prev, page, pageSize })),
                }
              : false
          }
        />
      </Card>
    </>
  );
}
