import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { LevelDto } from '../../../../../contracts/identifications.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useCreateLevel, useLevels, useUpdateLevel } from '../api/identifications-api.ts';

function NameCell({ level }: { level: LevelDto }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(level.name);
  const update = useUpdateLevel();
  if (!editing) {
    return (
      <Flex gap={8} align="center">
        <Typography.Text>{level.name}</Typography.Text>
        <Button size="small" type="link" onClick={() => setEditing(true)}>
          改名
        </Button>
      </Flex>
    );
  }
  return (
    <Flex gap={4}>
      <Input
        size="small"
        value={name}
        maxLength={20}
        onChange={(e) => setName(e.target.value)}
        style={{ width: 140 }}
        aria-label="等级名称"
      />
      <Button
        size="small"
        type="primary"
        loading={update.isPending}
        onClick={async () => {
          await update.mutateAsync({ id: level.id, input: { name } });
          setEditing(false);
        }}
      >
        保存
      </Button>
      <Button size="small" onClick={() => setEditing(false)}>
        取消
      </Button>
    </Flex>
  );
}

/** 困难等级设置: the institute admin's list; a level in use is retired, never deleted. */
export default function LevelsPage() {
  const isMobile = useIsMobile();
  const levels = useLevels();
  const update = useUpdateLevel();
  const create = useCreateLevel();
  const [form] = Form.useForm<{ name: string }>();
  const { message } = App.useApp();

  const columns: TableColumnsType<LevelDto> = [
    {
      key: 'order',
      title: '顺序',
      width: 90,
      render: (_, l) => (
        <InputNumber
          size="small"
          min={0}
          max={999}
          defaultValue={l.sortOrder}
          onBlur={(e) => {
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v !== l.sortOrder) update.mutate({ id: l.id, input: { sortOrder: v } });
          }}
          style={{ width: 70 }}
          aria-label={`${l.name}的顺序`}
        />
      ),
    },
    { key: 'name', title: '等级名称', render: (_, l) => <NameCell level={l} /> },
    { key: 'usage', title: '使用次数', render: (_, l) => l.usage },
    {
      key: 'active',
      title: '启用',
      render: (_, l) => (
        <Switch
          checked={l.active}
          checkedChildren="启用"
          unCheckedChildren="停用"
          onChange={(active) => update.mutate({ id: l.id, input: { active } })}
          aria-label={`${l.name}是否启用`}
        />
      ),
    },
  ];

  const add = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ name: v.name });
      form.resetFields();
      void message.success('已新增等级');
    } catch (error) {
      if (!applyErrorToForm(form, error, { level_name_taken: 'name' })) void message.error(errorMessage(error));
    }
  };

  return (
    <>
      <PageHeader
        title="困难等级设置"
        description="默认为特别困难、比较困难、一般困难。已使用的等级不能删除,可停用;停用后不能再被选择,已有记录保持不变。"
      />
      <Flex vertical gap={12} style={{ maxWidth: 720 }}>
        <Table
          size={isMobile ? 'small' : 'middle'}
          rowKey="id"
          loading={levels.isFetching}
          columns={columns}
          dataSource={levels.data ?? []}
          pagination={false}
          scroll={isMobile ? { x: 'max-content' } : undefined}
        />
        <Card size="small" title="新增等级">
          <Form form={form} layout="inline" onFinish={() => void add()}>
            <Form.Item name="name" rules={[{ required: true, min: 2, message: '等级名称至少 2 个字' }]}>
              <Input placeholder="等级名称" maxLength={20} aria-label="新等级名称" />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
              新增
            </Button>
          </Form>
        </Card>
      </Flex>
    </>
  );
}
