import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { Ability } from '../../../../../contracts/submissions.ts';
import { revealInput, sensitiveFieldLabels, type SensitiveField } from '../../../../../contracts/students.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyErrorToForm, zodRule } from '../../../lib/form-errors.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useRevealField } from '../api/students-api.ts';

/** How long a revealed value stays on screen. */
const SHOW_SECONDS = 30;

/**
 * 查看 one sensitive field: the server's ability decides whether the button
 * is enabled (and says why not); the reason is required and logged with the
 * reveal; the value is held in this component only and disappears after 30 s.
 */
export function RevealField({ studentId, field, ability }: { studentId: number; field: SensitiveField; ability: Ability }) {
  const [open, setOpen] = useState(false);
  const label = sensitiveFieldLabels[field];
  return (
    <>
      <AbilityButton size="small" icon={<EyeOutlined />} ability={ability} onClick={() => setOpen(true)} aria-label={`查看${label}`}>
        查看
      </AbilityButton>
      {open ? <RevealModal studentId={studentId} field={field} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function RevealModal({ studentId, field, onClose }: { studentId: number; field: SensitiveField; onClose: () => void }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealField(studentId);
  const [shown, setShown] = useState<{ value: string | null; left: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = sensitiveFieldLabels[field];

  useEffect(() => {
    if (!shown) return;
    if (shown.left <= 0) {
      onClose();
      return;
    }
    const timer = setTimeout(() => setShown((s) => (s ? { ...s, left: s.left - 1 } : s)), 1000);
    return () => clearTimeout(timer);
  }, [shown, onClose]);

  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    try {
      const result = await reveal.mutateAsync({ field, reason });
      setShown({ value: result.value, left: SHOW_SECONDS });
    } catch (e) {
      if (!applyErrorToForm(form, e)) setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={`查看${label}`}
      onCancel={onClose}
      width={isMobile ? '100%' : 440}
      destroyOnHidden
      footer={
        shown ? (
          <Button onClick={onClose}>立即隐藏</Button>
        ) : (
          <Flex justify="end" gap={8}>
            <Button onClick={onClose}>{t.cancel}</Button>
            <Button type="primary" loading={reveal.isPending} onClick={() => form.submit()}>
              查看
            </Button>
          </Flex>
        )
      }
    >
      {shown ? (
        <Flex vertical gap={8} role="status">
          <Typography.Text type="secondary">{label}</Typography.Text>
          <Typography.Text
            strong
            copyable={shown.value ? { text: shown.value } : false}
            style={{ fontSize: 20 }}
            data-testid="revealed-value"
          >
            {shown.value ?? '未登记'}
          </Typography.Text>
          <Typography.Text type="secondary">将在 {shown.left} 秒后隐藏。本次查看已记入审计日志。</Typography.Text>
        </Flex>
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} initialValues={{ reason: '' }}>
          <Typography.Paragraph type="secondary">
            完整的{label}只在确有工作需要时查看。请说明原因,查看记录(含原因)将写入审计日志。
          </Typography.Paragraph>
          <Form.Item name="reason" label="查看原因" rules={[zodRule(revealInput.shape.reason)]}>
            <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如:家访前电话联系家长" autoFocus />
          </Form.Item>
          {error ? <Alert type="error" showIcon title={error} /> : null}
        </Form>
      )}
    </Modal>
  );
}
