import { useState } from 'react';
import { Button, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { regionLabels, regions, unitKindLabels, unitKinds, type Region, type UnitKind } from '../../../../../contracts/regions.ts';
import type { UnitDto } from '../../../../../contracts/units.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useUnits, type UnitsFilter } from '../api/units-api.ts';
import { UnitFormModal } from './unit-form-modal.tsx';
import { serverPagination } from '../../../components/server-pagination.ts';

export const regionColors: Record<Region, string> = { south: 'green', central: 'gold', north: 'blue' };

export function UnitsTab() {
  const isMobile = useIsMobile();
  const [filter, setFilter] = useState<UnitsFilter>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useUnits(filter);
  const [editing, setEditing] = useState<{ unit: UnitDto | null } | null>(null);
  const [lastEdited, setLastEdited] = useState<UnitDto | null>(null);
  const change = (patch: UnitsFilter) => setFilter((prev) => ({ ...prev, ...patch, page: patch.page ?? 1 }));
  const edit = (unit: UnitDto | null) => {
    setLastEdited(unit);
    setEditing({ unit });
  };

  const columns: TableColumnsType<UnitDto> = [
    { title: '单位代码', dataIndex: 'code', responsive: ['md'] },
    { title: '单位名称', dataIndex: 'name' },
    { title: '类型', dataIndex: 'kind', render: (kind: UnitKind) => unitKindLabels[kind] },
    { title: '城市', dataIndex: 'city' },
    {
      title: '地区',
      dataIndex: 'region',
      render: (region: Region | null) => (region ? <Tag color={regionColors[region]}>{regionLabels[region]}</Tag> : t.none),
    },
    { title: '地址', dataIndex: 'address', responsive: ['xl'], render: (address: string | null) => address ?? t.none },
    { title: '用户数', dataIndex: 'userCount', align: 'right', responsive: ['md'] },
    {
      title: t.actions,
      key: 'actions',
      render: (_, unit) =>
        unit.abilities.update ? (
          <Button size="small" type="link" onClick={() => edit(unit)}>
            {t.edit}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <div className="yz-filters" role="search">
        <Input.Search
          className="yz-filters-wide"
          aria-label="搜索单位"
          placeholder="单位名称或代码"
          allowClear
          onSearch={(value) => change({ q: value.trim() || undefined })}
        />
        <Select
          aria-label="按地区筛选"
          placeholder="全部地区"
          allowClear
          value={filter.region}
          onChange={(value: Region | undefined) => change({ region: value })}
          options={regions.map((region) => ({ value: region, label: regionLabels[region] }))}
        />
        <Select
          aria-label="按类型筛选"
          placeholder="全部类型"
          allowClear
          value={filter.kind}
          onChange={(value: UnitKind | undefined) => change({ kind: value })}
          options={unitKinds.map((kind) => ({ value: kind, label: unitKindLabels[kind] }))}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)} style={{ width: isMobile ? '100%' : 'auto' }}>
          新建单位
        </Button>
      </div>
      <Table<UnitDto>
        rowKey="id"
        size={isMobile ? 'small' : 'middle'}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        pagination={serverPagination(isMobile, filter, data?.total, change)}
      />
      <UnitFormModal open={editing !== null} unit={editing ? editing.unit : lastEdited} onClose={() => setEditing(null)} />
    </>
  );
}
