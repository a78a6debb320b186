import { useEffect, useMemo, useState } from 'react';
import { Button, Empty, Flex, Input, InputNumber, Popconfirm, Select, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import { UnitSelect } from '../../../components/unit-select.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useQuotaOverrides, useSaveQuotaOverrides } from '../api/campaigns-api.ts';

type Row = { unitId: number; unitName: string; quota: number };

/** 名额: per track, the units whose quota differs from the track's default. */
export function QuotasTab({ campaign }: { campaign: CampaignDto }) {
  const [trackId, setTrackId] = useState<number | null>(campaign.tracks[0]?.id ?? null);
  const track = campaign.tracks.find((tr) => tr.id === trackId) ?? null;
  const { data, isFetching } = useQuotaOverrides(track?.id ?? null);
  const save = useSaveQuotaOverrides();
  const [rows, setRows] = useState<Row[]>([]);
  const [dirty, setDirty] = useState(false);
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState<{ unit: { id: number; name: string } | null; quota: number }>({ unit: null, quota: 1 });
  const editable = track?.abilities.update ?? false;

  useEffect(() => {
    setRows((data ?? []).map((o) => ({ unitId: o.unitId, unitName: o.unitName, quota: o.quota })));
    setDirty(false);
  }, [data]);

  const shown = useMemo(() => rows.filter((r) => r.unitName.includes(filter.trim())), [rows, filter]);
  if (!track) return <Empty description="该活动没有类别" />;

  const change = (next: Row[]) => {
    setRows(next);
    setDirty(true);
  };
  const add = () => {
    const unit = adding.unit;
    if (!unit) return;
    if (rows.some((r) => r.unitId === unit.id)) {
      notifyError(`${unit.name} 已在列表中,请直接修改其名额`);
      return;
    }
    change([...rows, { unitId: unit.id, unitName: unit.name, quota: adding.quota }]);
    setAdding({ unit: null, quota: 1 });
  };
  const submit = () =>
    save.mutate(
      { trackId: track.id, overrides: rows.map((r) => ({ unitId: r.unitId, quota: r.quota })) },
      { onSuccess: () => notifySuccess(`${track.name}:各单位名额${t.saved}`), onError: (error) => notifyError(errorMessage(error)) },
    );

  const columns: TableColumnsType<Row> = [
    { title: '单位', dataIndex: 'unitName' },
    {
      title: '推荐名额',
      key: 'quota',
      width: 140,
      render: (_, row) => (
        <InputNumber
          min={0}
          max={100}
          precision={0}
          value={row.quota}
          disabled={!editable}
          aria-label={`${row.unitName} 名额`}
          onChange={(value) => change(rows.map((r) => (r.unitId === row.unitId ? { ...r, quota: value ?? 0 } : r)))}
        />
      ),
    },
    {
      title: t.actions,
      key: 'actions',
      width: 80,
      render: (_, row) =>
        editable ? (
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={`移除 ${row.unitName}`}
            onClick={() => change(rows.filter((r) => r.unitId !== row.unitId))}
          />
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} align="center">
        <Select
          aria-label="选择类别"
          style={{ minWidth: 240, flex: '1 1 240px' }}
          value={track.id}
          options={campaign.tracks.map((tr) => ({ value: tr.id, label: tr.name }))}
          onChange={(id: number) => setTrackId(id)}
        />
        <Typography.Text type="secondary">默认每单位 {track.defaultQuota} 项(在“类别设置”中修改);下表为名额不同的单位。</Typography.Text>
      </Flex>
      {editable ? (
        <Flex wrap gap={8} align="center">
          <div style={{ flex: '1 1 240px', minWidth: 0 }}>
            <UnitSelect
              aria-label="添加单位"
              placeholder="搜索要单独设置名额的单位"
              value={adding.unit?.id ?? null}
              known={adding.unit}
              exclude={rows.map((r) => r.unitId)}
              onChange={(_, unit) => setAdding({ ...adding, unit })}
            />
          </div>
          <InputNumber
            min={0}
            max={100}
            precision={0}
            value={adding.quota}
            onChange={(v) => setAdding({ ...adding, quota: v ?? 0 })}
            aria-label="该单位名额"
          />
          <Button icon={<PlusOutlined />} onClick={add} disabled={!adding.unit}>
            添加
          </Button>
        </Flex>
      ) : null}
      <Input.Search
        allowClear
        placeholder="在列表中查找单位"
        onChange={(e) => setFilter(e.target.value)}
        style={{ maxWidth: 320 }}
        aria-label="查找单位"
      />
      <Table<Row>
        rowKey="unitId"
        size="small"
        columns={columns}
        dataSource={shown}
        loading={isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '所有单位均使用默认名额' }}
      />
      {editable ? (
        <Flex gap={8} align="center">
          <Popconfirm
            title="保存名额"
            description="将以此列表替换该类别的全部单位名额设置。"
            okText="保存"
            cancelText="取消"
            onConfirm={submit}
            disabled={!dirty}
          >
            <Button type="primary" disabled={!dirty} loading={save.isPending}>
              保存名额
            </Button>
          </Popconfirm>
          {dirty ? <Typography.Text type="warning">有未保存的修改</Typography.Text> : null}
        </Flex>
      ) : null}
    </Flex>
  );
}
