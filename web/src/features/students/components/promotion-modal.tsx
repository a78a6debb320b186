import { Alert, Button, Flex, Modal, Spin, Statistic, Table, Typography } from 'antd';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { usePromotionPreview, useRunPromotion } from '../api/students-api.ts';

/**
 * 年级升级 at the start of a school year: first what would happen (how many
 * move up, how many graduate), then one confirmation; the server refuses a
 * second run in the same school year.
 */
export function PromotionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const isMobile = useIsMobile();
  const preview = usePromotionPreview(open);
  const run = useRunPromotion();
  const p = preview.data;

  const confirm = async () => {
    if (!p) return;
    try {
      const result = await run.mutateAsync(p.schoolYear);
      notifySuccess(`${result.schoolYear} 学年升级完成:${result.promoted} 人升入高一年级,${result.graduated} 人毕业`);
      onClose();
    } catch {
      // The global handler showed the reason; the preview below refreshes.
      void preview.refetch();
    }
  };

  return (
    <Modal
      open={open}
      title={p ? `${p.schoolYear} 学年年级升级` : '年级升级'}
      onCancel={onClose}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8} wrap>
          <Button onClick={onClose}>{t.cancel}</Button>
          <AbilityButton type="primary" danger ability={p?.abilities.run} loading={run.isPending} onClick={() => void confirm()}>
            确认升级
          </AbilityButton>
        </Flex>
      }
    >
      {!p ? (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      ) : (
        <Flex vertical gap={16}>
          {p.done ? (
            <Alert
              type="info"
              showIcon
              title={`本学年已于 ${formatDateTime(p.done.at)} 执行过升级${p.done.by ? `(${p.done.by})` : ''}`}
              description={`${p.done.promoted} 人升入高一年级,${p.done.graduated} 人毕业。每学年只能执行一次。`}
            />
          ) : (
            <Typography.Paragraph style={{ margin: 0 }}>
              新学年开始时执行一次:在读学生升入高一年级;已在最后一个年级的学生(按学制,未填写学制的按五年)转为“已毕业”。此操作记入审计日志,不能撤销。
            </Typography.Paragraph>
          )}
          <Flex gap={32} wrap>
            <Statistic title="升入高一年级" value={p.promote} suffix="人" />
            <Statistic title="毕业" value={p.graduate} suffix="人" />
          </Flex>
          <Table
            size="small"
            rowKey="grade"
            pagination={false}
            dataSource={p.byGrade}
            columns={[
              { title: '当前年级', dataIndex: 'grade', render: (g: number) => `${g} 年级` },
              { title: '升级', dataIndex: 'promote' },
              { title: '毕业', dataIndex: 'graduate' },
            ]}
            locale={{ emptyText: '名册中没有在读学生' }}
          />
        </Flex>
      )}
    </Modal>
  );
}
