import { useState } from 'react';
import { Card, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import type { PoolMemberDto } from '../../../../../contracts/review-assignment.ts';
import { reviewerKindLabels, type ReviewerKind } from '../../../../../contracts/review.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { usePoolChanges, useReviewPool } from '../api/review-admin-api.ts';

export function KindTag({ kind }: { kind: ReviewerKind }) {
  return <Tag color={kind === 'external' ? 'purple' : 'blue'}>{reviewerKindLabels[kind]}</Tag>;
}

export function PoolTab({ trackId }: { trackId: number }) {
  const pool = useReviewPool(trackId);
  const { add, remove } = usePoolChanges(trackId);
  const isMobile = useIsMobile();
  const [userId, setUserId] = useState<number | null>(null);
  const [kind, setKind] = useState<ReviewerKind | 'auto'>('auto');
  const data = pool.data;
  const chosen = data?.candidates.find((c) => c.id === userId) ?? null;

  const join = () => {
    if (!chosen) return;
    add.mutate(
      { userId: chosen.id, ...(kind === 'auto' ? {} : { kind }) },
      {
        onSuccess: () => {
          notifySuccess(`已将 ${chosen.displayName} 加入专家库`);
          setUserId(null);
          setKind('auto');
        },
      },
    );
  };

  return (
    <Flex vertical gap={16}>
      {data?.abilities.add.allowed ? (
        <Card size="small" title="加入专家库">
          <Flex wrap gap={8} align="center">
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="选择评审专家账号"
              aria-label="选择评审专家账号"
              style={{ flex: isMobile ? '1 1 100%' : '0 1 320px', minWidth: 0 }}
              value={userId}
              onChange={setUserId}
              options={data.candidates.map((c) => ({
                value: c.id,
                label: `${c.displayName}(${c.username}${c.unit ? ` · ${c.unit.name}` : ' · 无单位'})`,
              }))}
              notFoundContent="没有可加入的评审专家账号(请先在用户管理中为账号添加“评审专家”角色)"
            />
            <Select
              aria-label="专家类型"
              style={{ width: 160 }}
              value={kind}
              onChange={setKind}
              options={[
                { value: 'auto', label: '按账号判断' },
                { value: 'staff', label: reviewerKindLabels.staff, disabled: chosen !== null && chosen.unit === null },
                { value: 'external', label: reviewerKindLabels.external },
              ]}
            />
            <AbilityButton
              ability={data.abilities.add}
              type="primary"
              icon={<UserAddOutlined />}
              disabled={!chosen}
              loading={add.isPending}
              onClick={join}
            >
              加入
            </AbilityButton>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            没有所属单位的账号为校外专家;校外专家只能看到分配给自己的案例。
          </Typography.Paragraph>
        </Card>
      ) : null}
      <Card size="small" title={`专家库(${data?.members.length ?? 0} 人)`}>
        <Table<PoolMemberDto>
          size="small"
          rowKey="id"
          loading={pool.isLoading}
          dataSource={data?.members ?? []}
          pagination={false}
          scroll={isMobile ? undefined : { x: 'max-content' }}
          locale={{ emptyText: '专家库还没有专家' }}
          columns={[
            {
              title: '专家',
              key: 'name',
              render: (_, m) => (
                <Flex vertical>
                  <Typography.Text strong>{m.displayName}</Typography.Text>
                  <Typography.Text type="secondary">{m.unit?.name ?? '无所属单位'}</Typography.Text>
                </Flex>
              ),
            },
            { title: '类型', key: 'kind', render: (_, m) => <KindTag kind={m.kind} /> },
            { title: '已分配 / 已提交', key: 'load', render: (_, m) => `${m.assigned} / ${m.submitted}` },
            {
              title: '操作',
              key: 'action',
              render: (_, m) => (
                <Popconfirm
                  title={`将 ${m.displayName} 移出专家库?`}
                  description={m.assigned > m.submitted ? '尚未提交的评审分配将一并取消。' : undefined}
                  okText="移出"
                  cancelText="取消"
                  disabled={!m.abilities.remove.allowed}
                  onConfirm={() => remove.mutate(m.id, { onSuccess: () => notifySuccess(`已将 ${m.displayName} 移出专家库`) })}
                >
                  <AbilityButton ability={m.abilities.remove} size="small" danger aria-label={`移出 ${m.displayName}`}>
                    移出
                  </AbilityButton>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
