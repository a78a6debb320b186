import { useState } from 'react';
import { Button, Flex, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { pairingKindLabels, regionLabels, type PairingKind } from '../../../../../contracts/regions.ts';
import type { PairingDto } from '../../../../../contracts/units.ts';
import { formatDate } from '../../../lib/time.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useDeletePairing, usePairings } from '../api/units-api.ts';
import { PairingFormModal } from './pairing-form-modal.tsx';
import { regionColors } from './units-tab.tsx';

function UnitCell({ unit }: { unit: PairingDto['unitA'] }) {
  return (
    <Flex gap={4} align="center" wrap>
      <span>{unit.name}</span>
      {unit.region ? <Tag color={regionColors[unit.region]}>{regionLabels[unit.region]}</Tag> : null}
    </Flex>
  );
}

export function PairingsTab() {
  const isMobile = useIsMobile();
  const { data, isFetching } = usePairings();
  const remove = useDeletePairing();
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<PairingDto> = [
    { title: '结对类型', dataIndex: 'kind', render: (kind: PairingKind) => pairingKindLabels[kind] },
    { title: '单位一', key: 'unitA', render: (_, p) => <UnitCell unit={p.unitA} /> },
    { title: '单位二', key: 'unitB', render: (_, p) => <UnitCell unit={p.unitB} /> },
    { title: '结对日期', dataIndex: 'startedOn', render: (d: string | null) => formatDate(d) },
    {
      title: '备注',
      dataIndex: 'note',
      responsive: ['md'],
      render: (note: string | null) => (
        <Typography.Text ellipsis={{ tooltip: note }} style={{ maxWidth: 240 }}>
          {note ?? t.none}
        </Typography.Text>
      ),
    },
    {
      title: t.actions,
      key: 'actions',
      render: (_, pairing) =>
        pairing.abilities.delete ? (
          <Popconfirm
            title="删除结对"
            description={`确定删除 ${pairing.unitA.name} 与 ${pairing.unitB.name} 的${pairingKindLabels[pairing.kind]}?`}
            okText={t.delete}
            okButtonProps={{ danger: true }}
            cancelText={t.cancel}
            onConfirm={() =>
              remove.mutateAsync(pairing.id).then(
                () => notifySuccess('结对已删除'),
                () => undefined,
              )
            }
          >
            <Button size="small" type="link" danger>
              {t.delete}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} block={isMobile}>
          新建结对
        </Button>
      </Flex>
      <Table<PairingDto>
        rowKey="id"
        size={isMobile ? 'small' : 'middle'}
        columns={columns}
        dataSource={data ?? []}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, simple: isMobile }}
        locale={{ emptyText: '暂无结对记录' }}
      />
      <PairingFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
