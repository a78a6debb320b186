import { Button, Flex, Popconfirm, Progress, Statistic, Typography } from 'antd';
import type { RosterImportDto } from '../../../../../contracts/roster.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { useCancelImport } from '../api/students-api.ts';

/** Step 3: the server's own counts, written with every batch of 1 000 rows (polled every second). */
export function ImportProgress({ job }: { job: RosterImportDto }) {
  const cancel = useCancelImport();
  const percent = job.rowsTotal ? Math.min(99, Math.floor((job.rowsRead / job.rowsTotal) * 100)) : 0;
  return (
    <Flex vertical gap={16} style={{ padding: '8px 0' }}>
      <Typography.Text>
        正在导入 {job.fileName}… 已处理 {job.rowsRead} / {job.rowsTotal} 行
      </Typography.Text>
      <Progress percent={percent} status="active" aria-label="导入进度" />
      <Flex gap={24} wrap>
        <Statistic title="新增" value={job.inserted} />
        <Statistic title="更新" value={job.updated} />
        <Statistic title="无变化" value={job.unchanged} />
        <Statistic title="有错误的行" value={job.failed} styles={{ content: job.failed ? { color: '#cf1322' } : undefined }} />
      </Flex>
      <Typography.Text type="secondary">可以离开此页面,导入会在服务器上继续;回到“导入名册”即可查看进度。</Typography.Text>
      <div>
        {job.abilities.cancel.allowed ? (
          <Popconfirm
            title="取消导入?"
            description="已导入的学生会保留;之后重新导入同一文件即可补全。"
            onConfirm={() => cancel.mutateAsync(job.id)}
          >
            <Button loading={cancel.isPending}>取消导入</Button>
          </Popconfirm>
        ) : (
          <AbilityButton ability={job.abilities.cancel}>取消导入</AbilityButton>
        )}
      </div>
    </Flex>
  );
}
