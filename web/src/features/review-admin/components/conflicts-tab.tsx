import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, Popconfirm, Select, Table, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import type { ConflictDto } from '../../../../../contracts/review-assignment.ts';
import { api, errorMessage } from '../../../lib/api-client.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { useMe } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useConflictChanges, useConflicts, useUnits } from '../api/review-admin-api.ts';

interface Values {
  userId: number;
  unitId: number;
  reason: string;
}

/** Reviewers and coordinators the admin may declare a conflict for. */
function usePeople(enabled: boolean) {
  return useQuery({
    queryKey: ['review-admin', 'people'],
    enabled,
    queryFn: async ({ signal }) => {
      const page = (role: string) =>
        api<{ items: { id: number; displayName: string; username: string; unit: { name: string } | null }[] }>('/users', {
          query: { role, pageSize: 200, status: 'active' },
          signal,
        });
      const [reviewers, coordinators] = await Promise.all([page('reviewer'), page('track_coordinator')]);
      const all = new Map([...reviewers.items, ...coordinators.items].map((u) => [u.id, u]));
      return [...all.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
    },
  });
}

export function ConflictsTab({ campaignId }: { campaignId: number }) {
  const me = useMe();
  const conflicts = useConflicts(campaignId);
  const units = useUnits();
  const { declare, remove } = useConflictChanges(campaignId);
  const [form] = Form.useForm<Values>();
  const isMobile = useIsMobile();
  const declareFor = conflicts.data?.declareFor ?? 'nobody';
  const people = usePeople(declareFor === 'anyone');

  const onFinish = (v: Values) =>
    declare.mutate(
      { userId: declareFor === 'self' ? me.id : v.userId, unitId: v.unitId, reason: v.reason.trim() },
      {
        onSuccess: () => {
          notifySuccess('回避关系已登记');
          form.resetFields(['unitId', 'reason']);
        },
        onError: (error) => {
          if (!applyErrorToForm(form, error, { conflict_exists: 'unitId', conflict_own_unit_automatic: 'unitId' }))
            notifyError(errorMessage(error));
        },
      },
    );

  return (
    <Flex vertical gap={16}>
      {declareFor !== 'nobody' ? (
        <Card size="small" title={declareFor === 'self' ? '申报我的回避关系' : '登记回避关系'}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            专家和牵头人不评审、不处理本单位的案例(自动回避);与其他单位存在亲属、任职、指导等关系的,请在此登记,分配时将自动避开。
          </Typography.Paragraph>
          <Form
            form={form}
            layout={isMobile ? 'vertical' : 'inline'}
            onFinish={onFinish}
            disabled={declare.isPending}
            data-testid="conflict-form"
          >
            {declareFor === 'anyone' ? (
              <Form.Item name="userId" label="专家或牵头人" rules={[{ required: true, message: '请选择人员' }]} style={{ minWidth: 220 }}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={people.isLoading}
                  aria-label="专家或牵头人"
                  options={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.displayName}(${p.unit?.name ?? '无单位'})` }))}
                />
              </Form.Item>
            ) : null}
            <Form.Item name="unitId" label="回避单位" rules={[{ required: true, message: '请选择单位' }]} style={{ minWidth: 220 }}>
              <Select
                showSearch
                optionFilterProp="label"
                aria-label="回避单位"
                loading={units.isLoading}
                options={(units.data?.items ?? []).filter((u) => u.kind !== 'institute').map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label="回避原因"
              rules={[{ required: true, whitespace: true, min: 2, message: '请填写回避原因' }]}
              style={{ minWidth: 220 }}
            >
              <Input maxLength={200} placeholder="如:曾在该单位任职" aria-label="回避原因" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<StopOutlined />} loading={declare.isPending}>
                登记
              </Button>
            </Form.Item>
          </Form>
        </Card>
      ) : null}
      <Card size="small" title={declareFor === 'self' ? '我的回避关系' : '已登记的回避关系'}>
        <Table<ConflictDto>
          size="small"
          rowKey="id"
          loading={conflicts.isLoading}
          dataSource={conflicts.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={isMobile ? undefined : { x: 'max-content' }}
          locale={{ emptyText: '暂无登记的回避关系(本单位回避无需登记)' }}
          columns={[
            {
              title: '人员',
              key: 'person',
              render: (_, c) => (
                <Flex vertical>
                  <Typography.Text strong>{c.person.displayName}</Typography.Text>
                  <Typography.Text type="secondary">{c.person.unit?.name ?? '无所属单位'}</Typography.Text>
                </Flex>
              ),
            },
            { title: '回避单位', key: 'unit', render: (_, c) => c.unit.name },
            { title: '原因', dataIndex: 'reason' },
            {
              title: '登记',
              key: 'declared',
              responsive: ['md'],
              render: (_, c) => `${c.declaredBy?.displayName ?? '—'} · ${formatDateTime(c.createdAt)}`,
            },
            {
              title: '操作',
              key: 'action',
              render: (_, c) => (
                <Popconfirm
                  title="撤销这条回避关系?"
                  okText="撤销"
                  cancelText="取消"
                  disabled={!c.abilities.remove.allowed}
                  onConfirm={() => remove.mutate(c.id, { onSuccess: () => notifySuccess('回避关系已撤销') })}
                >
                  <AbilityButton ability={c.abilities.remove} size="small" danger>
                    撤销
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
