import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Flex, Form, Input, Tag, Typography, theme } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { loginInput, type DemoAccount, type LoginInput } from '../../../../../contracts/auth.ts';
import { roleLabels } from '../../../../../contracts/roles.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { applyIssuesToForm, zodRule } from '../../../lib/form-errors.ts';
import { formatClock } from '../../../lib/time.ts';
import { safeNextPath } from '../../../lib/safe-next.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useLogin, useMeta } from '../api/auth-api.ts';

function loginErrorText(error: unknown): string {
  if (!isApiError(error)) return '登录失败,请稍后重试。';
  if (error.code === 'account_locked') {
    const unlockAt = error.details.unlockAt;
    if (typeof unlockAt === 'string' && formatClock(unlockAt)) return `账号已锁定,将于 ${formatClock(unlockAt)} 解锁`;
  }
  return error.message;
}

function DemoAccounts({ accounts, onPick }: { accounts: DemoAccount[]; onPick: (account: DemoAccount) => void }) {
  const { token } = theme.useToken();
  return (
    <Card size="small" title="演示账号(点击填入)" style={{ marginTop: 16 }} data-testid="demo-accounts">
      <Flex vertical role="list">
        {accounts.map((account, index) => (
          <div
            key={account.username}
            role="listitem"
            style={{ borderTop: index === 0 ? undefined : `1px solid ${token.colorBorderSecondary}` }}
          >
            <button
              type="button"
              onClick={() => onPick(account)}
              aria-label={`填入演示用户 ${account.username}`}
              style={{
                all: 'unset',
                boxSizing: 'border-box',
                display: 'block',
                width: '100%',
                padding: '8px 4px',
                cursor: 'pointer',
                borderRadius: token.borderRadiusSM,
              }}
            >
              <Flex vertical gap={2}>
                <Flex wrap gap={6} align="center">
                  <Typography.Text strong>{account.displayName}</Typography.Text>
                  <Typography.Text code>{account.username}</Typography.Text>
                  <Typography.Text type="secondary">密码 {account.password}</Typography.Text>
                </Flex>
                <Flex wrap gap={4} align="center">
                  {account.roles.map((role) => (
                    <Tag key={role} style={{ marginInlineEnd: 0 }}>
                      {roleLabels[role]}
                    </Tag>
                  ))}
                  {account.unitName ? <Typography.Text type="secondary">{account.unitName}</Typography.Text> : null}
                </Flex>
              </Flex>
            </button>
          </div>
        ))}
      </Flex>
    </Card>
  );
}

export default function LoginPage() {
  const [form] = Form.useForm<LoginInput>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const meta = useMeta();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const next = safeNextPath(params.get('next'));

  const onFinish = (values: LoginInput) => {
    setError(null);
    login.mutate(values, {
      onSuccess: () => void navigate(next, { replace: true }),
      onError: (err) => {
        applyIssuesToForm(form, err);
        setError(loginErrorText(err));
      },
    });
  };

  const demo = meta.data?.demo ? meta.data.demoAccounts : [];

  return (
    <Flex
      justify="center"
      align="flex-start"
      style={{ minHeight: '100vh', padding: '8vh 16px 24px', background: 'linear-gradient(180deg, #fbeae8 0%, #f5f5f5 320px)' }}
    >
      <div style={{ width: '100%', maxWidth: 420 }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24, textAlign: 'center' }}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {/* On a phone the title breaks after the product name, not mid-phrase. */}
            <span style={{ whiteSpace: 'nowrap' }}>{t.productName} ·</span> <span style={{ whiteSpace: 'nowrap' }}>{t.productSubject}</span>
          </Typography.Title>
          <Typography.Text type="secondary">{t.productSubtitle}</Typography.Text>
        </Flex>
        <Card>
          <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on" disabled={login.isPending}>
            {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
            <Form.Item name="login" label="账号" rules={[zodRule(loginInput.shape.login)]}>
              <Input prefix={<UserOutlined />} placeholder="用户名 / 手机号 / 邮箱" autoComplete="username" size="large" autoFocus />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[zodRule(loginInput.shape.password)]}>
              <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              登录
            </Button>
          </Form>
        </Card>
        {demo.length > 0 ? (
          <DemoAccounts
            accounts={demo}
            onPick={(account) => {
              form.setFieldsValue({ login: account.username, password: account.password });
              setError(null);
            }}
          />
        ) : null}
        {meta.data ? (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, fontSize: 12 }}>
            版本 {meta.data.version}
          </Typography.Paragraph>
        ) : null}
      </div>
    </Flex>
  );
}
