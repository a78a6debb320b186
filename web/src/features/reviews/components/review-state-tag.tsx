import { Tag } from 'antd';
import { reviewStateLabels, type ReviewState } from '../../../../../contracts/reviews.ts';

const colors: Record<ReviewState, string> = { not_started: 'default', draft: 'warning', submitted: 'success' };

export function ReviewStateTag({ state }: { state: ReviewState }) {
  return (
    <Tag color={colors[state]} data-testid="review-state">
      {reviewStateLabels[state]}
    </Tag>
  );
}
