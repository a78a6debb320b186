import { Alert, Button, Descriptions, Flex, Modal, Typography } from 'antd';
import type { TemporaryPasswordResponse } from '../../../../../contracts/users.ts';
import { t } from '../../../locales/zh-CN.ts';
import { CopyButton } from './copy-button.tsx';

/** Shows a one-time password exactly once; closing the modal forgets it. */
export function TemporaryPasswordModal({
  result,
  title,
  onClose,
}: {
  result: TemporaryPasswordResponse | null;
  title: string;
  onClose: () => void;
}) {
  // Unmounted (not just hidden) once closed: the password leaves the DOM at once.
  if (!result) return null;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={t.temporaryPassword.hint} />
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'name', label: '姓名', children: result.user.displayName },
            { key: 'username', label: '用户名', children: result.user.username },
            {
              key: 'password',
              label: t.temporaryPassword.title,
              children: (
                <Typography.Text strong code style={{ fontSize: 16 }} data-testid="temporary-password">
                  {result.temporaryPassword}
                </Typography.Text>
              ),
            },
          ]}
        />
        <div>
          <CopyButton text={result.temporaryPassword} label="复制密码" />
        </div>
      </Flex>
    </Modal>
  );
}
