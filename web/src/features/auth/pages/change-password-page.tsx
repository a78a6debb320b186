import { useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input } from 'antd';
import { changePasswordInput, type ChangePasswordInput } from '../../../../../contracts/auth.ts';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { applyIssuesToForm, zodRule } from '../../../lib/form-errors.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useMe } from '../../../lib/session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { t } from '../../../locales/zh-CN.ts';
import { useChangePassword } from '../api/auth-api.ts';

type Values = ChangePasswordInput & { confirmPassword: string };

export default function ChangePasswordPage() {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const change = useChangePassword();

  const onFinish = ({ currentPassword, newPassword }: Values) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          notifySuccess('密码已修改');
          void navigate('/', { replace: true });
        },
        onError: (error) => {
          // Put the reason next to the field it concerns when we know which one.
          if (applyIssuesToForm(form, error)) return;
          const field = isApiError(error) && error.code === 'wrong_current_password' ? 'currentPassword' : 'newPassword';
          form.setFields([{ name: field, errors: [errorMessage(error)] }]);
        },
      },
    );
  };

  return (
    <div style={{ maxWidth: 520 }}>
      <PageHeader title={me.mustChangePassword ? t.changePassword : t.menu.password} />
      {me.mustChangePassword ? (
        <Alert
          type="warning"
          showIcon
          title="请先修改密码"
          description="首次登录或密码被重置后,须设置新密码才能继续使用平台。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Card>
        <Form form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
          {/* Lets password managers tie the new password to this account. */}
          <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
          <Form.Item name="currentPassword" label="当前密码" rules={[zodRule(changePasswordInput.shape.currentPassword)]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            extra="至少 10 位,须同时包含字母和数字。"
            rules={[zodRule(changePasswordInput.shape.newPassword)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: async (_, value) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t.save}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
