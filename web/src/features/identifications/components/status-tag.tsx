import { Tag } from 'antd';
import { identificationStatusLabels, type IdentificationStatus } from '../../../../../contracts/identifications.ts';

const colors: Record<IdentificationStatus, string> = {
  applied: 'default',
  appraised: 'processing',
  rejected: 'error',
  proposed: 'purple',
  confirmed: 'cyan',
  in_notice: 'gold',
  archived: 'success',
  revoked: 'error',
};

export function StatusTag({ status }: { status: IdentificationStatus }) {
  return (
    <Tag color={colors[status]} data-status={status}>
      {identificationStatusLabels[status]}
    </Tag>
  );
}
