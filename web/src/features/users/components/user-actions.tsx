import { Button, Flex, Popconfirm } from 'antd';
import type { UserDto } from '../../../../../contracts/users.ts';
import { t } from '../../../locales/zh-CN.ts';

/** The row's buttons: exactly those the server's `abilities` allow. */
export function UserActions({
  user,
  onEdit,
  onReset,
  onToggle,
}: {
  user: UserDto;
  onEdit: () => void;
  onReset: () => Promise<unknown>;
  onToggle: (action: 'disable' | 'enable') => Promise<unknown>;
}) {
  return (
    <Flex wrap gap={4}>
      {user.abilities.update ? (
        <Button size="small" type="link" onClick={onEdit} style={{ paddingInline: 4 }}>
          {t.edit}
        </Button>
      ) : null}
      {user.abilities.resetPassword ? (
        <Popconfirm
          title="重置密码"
          description={`为 ${user.displayName} 生成新的一次性密码?原密码将立即失效。`}
          okText="重置"
          cancelText={t.cancel}
          onConfirm={onReset}
        >
          <Button size="small" type="link" style={{ paddingInline: 4 }}>
            重置密码
          </Button>
        </Popconfirm>
      ) : null}
      {user.abilities.disable ? (
        <Popconfirm
          title="停用账号"
          description={`停用后 ${user.displayName} 将无法登录,可随时重新启用。`}
          okText="停用"
          okButtonProps={{ danger: true }}
          cancelText={t.cancel}
          onConfirm={() => onToggle('disable')}
        >
          <Button size="small" type="link" danger style={{ paddingInline: 4 }}>
            停用
          </Button>
        </Popconfirm>
      ) : null}
      {user.abilities.enable ? (
        <Popconfirm
          title="启用账号"
          description={`启用后 ${user.displayName} 可以重新登录。`}
          okText="启用"
          cancelText={t.cancel}
          onConfirm={() => onToggle('enable')}
        >
          <Button size="small" type="link" style={{ paddingInline: 4 }}>
            启用
          </Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );
}
