import { Tag } from 'antd';
import { formCheckStatusLabels, type FormCheckStatus } from '../../../../../contracts/form-check.ts';

const colors: Record<FormCheckStatus, string> = { submitted: 'blue', resubmitted: 'geekblue', returned: 'orange', accepted: 'green' };

export function FormCheckStatusTag({ status }: { status: FormCheckStatus }) {
  return (
    <Tag color={colors[status]} style={{ marginInlineEnd: 0 }}>
      {formCheckStatusLabels[status]}
    </Tag>
  );
}
