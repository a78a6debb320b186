import { useState } from 'react';
import { Button, Flex, Input, List, Popconfirm, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { subtypeInput, type SubtypeDto, type TrackDto } from '../../../../../contracts/campaigns.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { useCreateSubtype, useDeleteSubtype, useUpdateSubtype } from '../api/campaigns-api.ts';

/** A track's sub-types: rename in place, add with a code, delete when no case uses them. */
export function SubtypesEditor({ track, editable }: { track: TrackDto; editable: boolean }) {
  const create = useCreateSubtype();
  const remove = useDeleteSubtype();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');

  const add = () => {
    const parsed = subtypeInput.safeParse({ code: code.trim().toUpperCase(), name });
    if (!parsed.success) {
      notifyError(parsed.error.issues[0]?.message ?? '填写的内容有误');
      return;
    }
    create.mutate(
      { trackId: track.id, input: parsed.data },
      {
        onSuccess: () => {
          setCode('');
          setName('');
          notifySuccess('已添加子类');
        },
        onError: (error) => notifyError(errorMessage(error)),
      },
    );
  };

  return (
    <Flex vertical gap={8}>
      <List
        size="small"
        dataSource={track.subtypes}
        locale={{ emptyText: '该类别没有子类' }}
        renderItem={(s) => (
          <SubtypeRow
            subtype={s}
            editable={editable}
            onDelete={() =>
              remove.mutateAsync(s.id).then(
                () => notifySuccess('已删除'),
                () => undefined,
              )
            }
          />
        )}
      />
      {editable ? (
        <Flex wrap gap={8}>
          <Input
            style={{ width: 110 }}
            placeholder="代码,如 SYS"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-label="子类代码"
          />
          <Input
            style={{ flex: '1 1 200px' }}
            placeholder="子类名称"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label="子类名称"
          />
          <Button icon={<PlusOutlined />} onClick={add} loading={create.isPending}>
            添加子类
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}

function SubtypeRow({ subtype, editable, onDelete }: { subtype: SubtypeDto; editable: boolean; onDelete: () => void }) {
  const update = useUpdateSubtype();
  return (
    <List.Item
      actions={
        editable
          ? [
              <Popconfirm
                key="delete"
                title="删除子类"
                description={`确定删除“${subtype.name}”?`}
                okText="删除"
                cancelText="取消"
                onConfirm={onDelete}
              >
                <Tooltip title="删除">
                  <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={`删除子类 ${subtype.name}`} />
                </Tooltip>
              </Popconfirm>,
            ]
          : []
      }
    >
      <Flex gap={8} align="baseline" style={{ minWidth: 0 }}>
        <Typography.Text type="secondary">{subtype.code}</Typography.Text>
        <Typography.Text
          editable={
            editable
              ? {
                  tooltip: '改名',
                  onChange: (value) => {
                    const trimmed = value.trim();
                    if (!trimmed || trimmed === subtype.name) return;
                    update.mutate({ id: subtype.id, input: { name: trimmed } }, { onError: (error) => notifyError(errorMessage(error)) });
                  },
                }
              : false
          }
          style={{ whiteSpace: 'normal' }}
        >
          {subtype.name}
        </Typography.Text>
        {subtype.description ? <Typography.Text type="secondary">({subtype.description})</Typography.Text> : null}
      </Flex>
    </List.Item>
  );
}
