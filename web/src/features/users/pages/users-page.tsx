import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, Button, Card, Flex, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { roleLabels, roles, type Role } from '../../../../../contracts/roles.ts';
import { userStatus, type TemporaryPasswordResponse, type UserDto, type UserStatus } from '../../../../../contracts/users.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { UnitSelect } from '../../../components/unit-select.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useResetPassword, useUserAction, useUsers, type UsersFilter } from '../api/users-api.ts';
import { UserActions } from '../components/user-actions.tsx';
import { TemporaryPasswordModal } from '../components/temporary-password-modal.tsx';
import { UserFormDrawer } from '../components/user-form-drawer.tsx';
import { UserImportModal } from '../components/user-import-modal.tsx';
import { serverPagination } from '../../../components/server-pagination.ts';

/** The global handler already showed the error; the popconfirm just closes. */
const ignore = () => undefined;

function isRole(value: string | null): value is Role {
  return value !== null && (roles as readonly string[]).includes(value);
}
function isStatus(value: string | null): value is UserStatus {
  return value !== null && (userStatus as readonly string[]).includes(value);
}
function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Filters and page live in the URL: reload, back and shared links keep them. */
function useUsersFilter() {
  const [params, setParams] = useSearchParams();
  const role = params.get('role');
  const status = params.get('status');
  const filter: UsersFilter = {
    q: params.get('q') ?? undefined,
    role: isRole(role) ? role : undefined,
    unitId: params.get('unitId') ? positiveInt(params.get('unitId'), 0) || undefined : undefined,
    status: isStatus(status) ? status : undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: Math.min(positiveInt(params.get('pageSize'), 20), 200),
  };
  const update = (patch: Partial<Record<keyof UsersFilter, string | number | undefined | null>>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        // Any filter change starts again at page 1.
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };
  return { filter, update };
}

export default function UsersPage() {
  const { filter, update } = useUsersFilter();
  const { data, isFetching } = useUsers(filter);
  const isMobile = useIsMobile();
  const [editing, setEditingState] = useState<{ user: UserDto | null } | null>(null);
  // Keeps the drawer's title steady while it slides shut.
  const [drawerUser, setDrawerUser] = useState<UserDto | null>(null);
  const setEditing = (next: { user: UserDto | null } | null) => {
    if (next) setDrawerUser(next.user);
    setEditingState(next);
  };
  const [importOpen, setImportOpen] = useState(false);
  const [oneTime, setOneTime] = useState<{ title: string; result: TemporaryPasswordResponse } | null>(null);
  const [filterUnit, setFilterUnit] = useState<{ id: number; name: string } | null>(null);
  const action = useUserAction();
  const reset = useResetPassword();

  const renderActions = (user: UserDto) => (
    <UserActions
      user={user}
      onEdit={() => setEditing({ user })}
      onReset={() => reset.mutateAsync(user.id).then((result) => setOneTime({ title: '密码已重置', result }), ignore)}
      onToggle={(kind) =>
        action
          .mutateAsync({ id: user.id, action: kind })
          .then(() => notifySuccess(`${kind === 'disable' ? '已停用' : '已启用'} ${user.displayName}`), ignore)
      }
    />
  );

  const statusCell = (user: UserDto) => (
    <Flex vertical gap={2}>
      <Badge status={user.status === 'active' ? 'success' : 'default'} text={t.userStatus[user.status]} />
      {user.mustChangePassword ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          待改密码
        </Typography.Text>
      ) : null}
    </Flex>
  );

  // Phones: one column with everything a row needs, and the actions under it.
  const compactColumns: TableColumnsType<UserDto> = [
    {
      title: '用户',
      key: 'user',
      render: (_, user) => (
        <Flex vertical gap={4}>
          <Flex justify="space-between" gap={8} align="flex-start">
            <div>
              <Typography.Text strong>{user.displayName}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {user.username}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {user.unit?.name ?? '未指定单位'}
                </Typography.Text>
              </div>
            </div>
            {statusCell(user)}
          </Flex>
          <Flex wrap gap={4}>
            {user.roles.map((role) => (
              <Tag key={role} style={{ marginInlineEnd: 0 }}>
                {roleLabels[role]}
              </Tag>
            ))}
          </Flex>
          {renderActions(user)}
        </Flex>
      ),
    },
  ];

  const columns: TableColumnsType<UserDto> = [
    {
      title: '姓名',
      key: 'name',
      render: (_, user) => (
        <Flex vertical>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {user.username}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '所属单位', key: 'unit', render: (_, user) => user.unit?.name ?? t.none },
    {
      title: '角色',
      key: 'roles',
      render: (_, user) => (
        <Flex wrap gap={4} style={{ maxWidth: 260 }}>
          {user.roles.map((role) => (
            <Tag key={role} style={{ marginInlineEnd: 0 }}>
              {roleLabels[role]}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: '状态', key: 'status', render: (_, user) => statusCell(user) },
    {
      title: '联系方式',
      key: 'contact',
      responsive: ['lg'],
      render: (_, user) =>
        user.phone || user.email ? (
          <Flex vertical style={{ fontSize: 12 }}>
            {user.phone ? <span>{user.phone}</span> : null}
            {user.email ? <span>{user.email}</span> : null}
          </Flex>
        ) : (
          t.none
        ),
    },
    { title: '最近登录', key: 'lastLoginAt', responsive: ['xl'], render: (_, user) => formatDateTime(user.lastLoginAt) },
    { title: t.actions, key: 'actions', fixed: 'right', render: (_, user) => renderActions(user) },
  ];

  return (
    <>
      <PageHeader
        title={t.menu.users}
        extra={
          <>
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              批量导入
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>
              新建用户
            </Button>
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <div className="yz-filters" role="search">
          <Input.Search
            className="yz-filters-wide"
            aria-label="搜索用户"
            placeholder="用户名、姓名、手机号或邮箱"
            allowClear
            defaultValue={filter.q}
            onSearch={(value) => update({ q: value.trim() })}
          />
          <Select
            aria-label="按角色筛选"
            placeholder="全部角色"
            allowClear
            value={filter.role}
            onChange={(value: Role | undefined) => update({ role: value })}
            options={roles.map((role) => ({ value: role, label: roleLabels[role] }))}
          />
          <div className="yz-filters-wide">
            <UnitSelect
              aria-label="按单位筛选"
              placeholder="全部单位"
              value={filter.unitId ?? null}
              known={filterUnit}
              onChange={(value, unit) => {
                setFilterUnit(unit);
                update({ unitId: value });
              }}
            />
          </div>
          <Select
            aria-label="按状态筛选"
            placeholder="全部状态"
            allowClear
            value={filter.status}
            onChange={(value: UserStatus | undefined) => update({ status: value })}
            options={userStatus.map((status) => ({ value: status, label: t.userStatus[status] }))}
          />
        </div>
        <Table<UserDto>
          rowKey="id"
          size={isMobile ? 'small' : 'middle'}
          columns={isMobile ? compactColumns : columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 'max-content' }}
          pagination={serverPagination(isMobile, filter, data?.total, update)}
          locale={{ emptyText: isFetching ? t.loading : '没有符合条件的用户' }}
        />
      </Card>

      <UserFormDrawer
        open={editing !== null}
        user={editing ? editing.user : drawerUser}
        onClose={() => setEditing(null)}
        onCreated={(result) => setOneTime({ title: '用户已创建', result })}
      />
      <UserImportModal open={importOpen} onClose={() => setImportOpen(false)} />
      <TemporaryPasswordModal result={oneTime?.result ?? null} title={oneTime?.title ?? ''} onClose={() => setOneTime(null)} />
    </>
  );
}
