import { Link } from 'react-router';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useUnreadCount } from '../api/notifications-api.ts';

/** Header bell: the unread count, refreshed every minute; opens the inbox. */
export function NotificationBell({ enabled = true }: { enabled?: boolean }) {
  const { data } = useUnreadCount(enabled);
  const count = data?.count ?? 0;
  return (
    <Link to="/inbox" aria-label={count > 0 ? `我的消息,${count} 条未读` : '我的消息'} data-testid="inbox-bell">
      <Button type="text" tabIndex={-1} style={{ paddingInline: 6 }}>
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Link>
  );
}
