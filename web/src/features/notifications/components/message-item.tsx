import { Badge, Button, Flex, List, Typography } from 'antd';
import type { InboxMessageDto } from '../../../../../contracts/notifications.ts';
import { formatDateTime } from '../../../lib/time.ts';

/** One inbox message: unread ones are marked with a dot and a bold title. */
export function MessageItem({
  message,
  onOpen,
  onMarkRead,
  marking,
}: {
  message: InboxMessageDto;
  onOpen: (message: InboxMessageDto) => void;
  onMarkRead: (message: InboxMessageDto) => void;
  marking: boolean;
}) {
  const unread = message.readAt === null;
  return (
    <List.Item data-testid="inbox-item" style={{ alignItems: 'flex-start' }}>
      <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <Flex align="center" gap={8} style={{ minWidth: 0, flex: '1 1 220px' }}>
            {unread ? <Badge status="processing" aria-label="未读" /> : null}
            {message.link ? (
              <Typography.Link strong={unread} style={{ wordBreak: 'break-word' }} onClick={() => onOpen(message)}>
                {message.title}
              </Typography.Link>
            ) : (
              <Typography.Text strong={unread} style={{ wordBreak: 'break-word' }}>
                {message.title}
              </Typography.Text>
            )}
          </Flex>
          <Flex align="center" gap={4}>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
              {formatDateTime(message.createdAt)}
            </Typography.Text>
            {unread ? (
              <Button size="small" type="link" loading={marking} onClick={() => onMarkRead(message)}>
                标为已读
              </Button>
            ) : null}
          </Flex>
        </Flex>
        <Typography.Paragraph
          type="secondary"
          style={{ marginBottom: 0, whiteSpace: 'pre-line', wordBreak: 'break-word' }}
          ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (expanded: boolean) => (expanded ? '收起' : '展开') }}
        >
          {message.body}
        </Typography.Paragraph>
        {message.link ? (
          <Typography.Link style={{ fontSize: 12 }} onClick={() => onOpen(message)}>
            查看详情
          </Typography.Link>
        ) : null}
      </Flex>
    </List.Item>
  );
}
