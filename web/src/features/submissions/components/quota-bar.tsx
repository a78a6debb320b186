import { Flex, Progress, Typography } from 'antd';
import type { QuotaUsageDto } from '../../../../../contracts/submissions.ts';

/** A unit's places in one track: submitted (used) and selected for submission, against the quota. */
export function QuotaBar({ usage }: { usage: QuotaUsageDto }) {
  const { quota, used, selected, drafts } = usage;
  const pct = (n: number) => (quota > 0 ? Math.min(100, Math.round((n / quota) * 100)) : 0);
  const over = used + selected > quota;
  return (
    <Flex vertical gap={2} data-testid={`quota-${usage.trackCode}`}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text strong>{usage.trackName}</Typography.Text>
        <Typography.Text type={over ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          名额 {quota} · 已提交 {used} · 已列入推荐 {selected} · 草稿 {drafts}
        </Typography.Text>
      </Flex>
      <Progress
        percent={pct(used + selected)}
        success={{ percent: pct(used) }}
        status={over ? 'exception' : 'normal'}
        showInfo={false}
        size="small"
        aria-label={`${usage.trackName} 名额使用`}
      />
      {over ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          列入推荐的数量超过剩余名额 {Math.max(0, quota - used)} 个,请取消部分推荐。
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
