import { useEffect } from 'react';
import { Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { isUnitBound, roleLabels, roles, type Role } from '../../../../../contracts/roles.ts';
import { messageFor } from '../../../../../contracts/reasons.ts';
import { createUserInput, userFields, type TemporaryPasswordResponse, type UserDto } from '../../../../../contracts/users.ts';
import { applyErrorToForm, zodRule } from '../../../lib/form-errors.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { UnitSelect } from '../../../components/unit-select.tsx';
import { t } from '../../../locales/zh-CN.ts';
import { useCreateUser, useUpdateUser } from '../api/users-api.ts';

type Values = {
  username: string;
  displayName: string;
  roles: Role[];
  unitId: number | null;
  email: string;
  phone: string;
};

/** Errors without a field path that still clearly belong to one field. */
const fieldOfCode: Partial<Record<string, keyof Values>> = {
  username_taken: 'username',
  email_taken: 'email',
  phone_taken: 'phone',
  unit_required_for_role: 'unitId',
  cannot_remove_own_admin: 'roles',
};

const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

export function UserFormDrawer({
  open,
  user,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** null: create a new user. */
  user: UserDto | null;
  onClose: () => void;
  onCreated: (result: TemporaryPasswordResponse) => void;
}) {
  const [form] = Form.useForm<Values>();
  const isMobile = useIsMobile();
  const create = useCreateUser();
  const update = useUpdateUser();
  const saving = create.isPending || update.isPending;
  const editing = user !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      user
        ? {
            displayName: user.displayName,
            roles: user.roles,
            unitId: user.unit?.id ?? null,
            email: user.email ?? '',
            phone: user.phone ?? '',
          }
        : { username: '', displayName: '', roles: [], unitId: null, email: '', phone: '' },
    );
  }, [open, user, form]);

  const onError = (error: unknown) => applyErrorToForm(form, error, fieldOfCode);

  const onFinish = (values: Values) => {
    const common = {
      displayName: values.displayName,
      roles: values.roles,
      unitId: values.unitId ?? null,
      email: values.email?.trim() || null,
      phone: values.phone?.trim() || null,
    };
    if (user) {
      update.mutate(
        { id: user.id, input: common },
        {
          onSuccess: () => {
            notifySuccess(t.saved);
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { username: values.username, ...common },
        {
          onSuccess: (result) => {
            onClose();
            onCreated(result);
          },
          onError,
        },
      );
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? `编辑用户:${user.displayName}` : '新建用户'}
      size={isMobile ? '100%' : 520}
      forceRender
      mask={{ closable: !saving }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={saving}>
            {t.cancel}
          </Button>
          <Button type="primary" onClick={() => form.submit()} loading={saving}>
            {t.save}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={saving} requiredMark>
        {editing ? (
          <Form.Item label="用户名">
            <Input value={user.username} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="username"
            label="用户名"
            required
            rules={[zodRule(createUserInput.shape.username)]}
            extra="登录用,创建后不可修改;字母、数字、下划线、点和连字符"
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label="姓名" required rules={[zodRule(userFields.displayName)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="roles" label="角色" required rules={[zodRule(userFields.roles)]}>
          <Select mode="multiple" options={roleOptions} placeholder="可选择多个角色" allowClear virtual={false} />
        </Form.Item>
        <Form.Item noStyle dependencies={['roles']}>
          {({ getFieldValue }) => {
            const chosen = (getFieldValue('roles') as Role[] | undefined) ?? [];
            const needsUnit = chosen.some(isUnitBound);
            return (
              <Form.Item
                name="unitId"
                label="所属单位"
                required={needsUnit}
                extra={needsUnit ? '所选角色须绑定所属单位' : '学院管理员、评审专家可不填'}
                rules={[
                  {
                    validator: async (_, value) => {
                      if (needsUnit && !value) throw new Error(messageFor('unit_required_for_role'));
                    },
                  },
                ]}
              >
                <UnitSelect known={user?.unit ?? null} />
              </Form.Item>
            );
          }}
        </Form.Item>
        <Form.Item name="email" label="邮箱" rules={[zodRule(userFields.email)]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label="手机号" rules={[zodRule(userFields.phone)]}>
          <Input inputMode="numeric" maxLength={11} autoComplete="off" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
