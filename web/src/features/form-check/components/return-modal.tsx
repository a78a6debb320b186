import { useState } from 'react';
import { Alert, Input, Modal, Typography } from 'antd';
import { formatDateTime } from '../../../lib/time.ts';

const MIN = 5;
const MAX = 2000;

/** Return with reasons: the unit reads them in its notification and on the case. */
export function ReturnModal({
  open,
  revisionClosesAt,
  pending,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  revisionClosesAt: string | null;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (reasons: string) => void;
}) {
  const [reasons, setReasons] = useState('');
  const length = reasons.trim().length;
  const tooShort = length < MIN;
  return (
    <Modal
      open={open}
      title="退回修改"
      okText="退回申报单位"
      okButtonProps={{ danger: true, disabled: tooShort || length > MAX, loading: pending }}
      cancelText="取消"
      onCancel={onCancel}
      onOk={() => onSubmit(reasons.trim())}
      destroyOnHidden
    >
      <Typography.Paragraph>请逐条写明需要修改的内容,申报单位将收到通知并据此修改后重新提交。</Typography.Paragraph>
      <Input.TextArea
        aria-label="退回原因"
        value={reasons}
        onChange={(e) => setReasons(e.target.value)}
        autoSize={{ minRows: 5, maxRows: 12 }}
        maxLength={MAX}
        showCount
        placeholder="例如:1.“主要做法”缺少量化数据;2. 缺少可行性论证附件。"
        status={reasons && tooShort ? 'error' : undefined}
      />
      {reasons && tooShort ? <Typography.Text type="danger">退回原因至少 {MIN} 个字。</Typography.Text> : null}
      {revisionClosesAt ? (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title={`申报单位可修改并重新提交至 ${formatDateTime(revisionClosesAt)}(北京时间)。`}
        />
      ) : null}
    </Modal>
  );
}
