import { Flex, Tag } from 'antd';
import type { SubmissionListItem } from '../../../../../contracts/submissions.ts';

/**
 * A case's state as the unit sees it: the server's status plus the unit's own
 * steps (selection, sign-off). A draft with a receipt number was withdrawn.
 */
export function statusTagsOf(item: Pick<SubmissionListItem, 'status' | 'receiptNo' | 'selected' | 'approved'>) {
  const tags: { key: string; label: string; color: string }[] = [];
  switch (item.status) {
    case 'submitted':
      tags.push({ key: 'submitted', label: `已提交 ${item.receiptNo ?? ''}`.trim(), color: 'blue' });
      break;
    case 'returned':
      tags.push({ key: 'returned', label: '被退回', color: 'orange' });
      break;
    case 'accepted':
      tags.push({ key: 'accepted', label: '已受理', color: 'green' });
      break;
    case 'draft':
      tags.push(
        item.receiptNo ? { key: 'withdrawn', label: '已撤回', color: 'default' } : { key: 'draft', label: '草稿', color: 'default' },
      );
      break;
  }
  if (item.status === 'draft' || item.status === 'returned') {
    if (item.selected) tags.push({ key: 'selected', label: '已列入推荐', color: 'gold' });
    if (item.approved) tags.push({ key: 'approved', label: '已签批', color: 'purple' });
  }
  return tags;
}

export function StatusTags({ item }: { item: Pick<SubmissionListItem, 'status' | 'receiptNo' | 'selected' | 'approved'> }) {
  return (
    <Flex wrap gap={4}>
      {statusTagsOf(item).map((tag) => (
        <Tag key={tag.key} color={tag.color} style={{ marginInlineEnd: 0 }}>
          {tag.label}
        </Tag>
      ))}
    </Flex>
  );
}
