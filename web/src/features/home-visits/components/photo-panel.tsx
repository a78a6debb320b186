import { useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Image, Popconfirm, Progress, Typography } from 'antd';
import { CameraOutlined, DeleteOutlined, ReloadOutlined } from '@ant-design/icons';
import { MAX_VISIT_PHOTO_BYTES, MAX_VISIT_PHOTOS, type HomeVisitDto } from '../../../../../contracts/home-visits.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { uploadVisitPhoto, useDeleteVisitPhoto, useRefreshHomeVisits } from '../api/home-visits-api.ts';

type Pending = { uid: string; file: File; percent: number; error: string | null };

const MB = 1024 * 1024;

/** Refused before sending, with the reason (the server decides again by the content). */
function refusePhoto(file: File): string | null {
  if (file.size === 0) return `“${file.name}”是空文件。`;
  if (file.size > MAX_VISIT_PHOTO_BYTES) return `“${file.name}”超过 ${MAX_VISIT_PHOTO_BYTES / MB} MB,请压缩后再上传。`;
  if (!/\.(jpe?g|png)$/i.test(file.name) && !/^image\/(jpeg|png)$/.test(file.type)) return `“${file.name}”不是 JPG 或 PNG 图片。`;
  return null;
}

/**
 * 家访照片: taken with the phone's camera or chosen from the album, uploaded
 * one by one with progress; a failed upload stays in the list to retry.
 */
export function PhotoPanel({ detail, onChanged }: { detail: HomeVisitDto; onChanged: (next: HomeVisitDto) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const refresh = useRefreshHomeVisits();
  const remove = useDeleteVisitPhoto();
  const editable = detail.abilities.edit.allowed;
  const room = MAX_VISIT_PHOTOS - detail.photos.length - pending.filter((p) => !p.error).length;

  const send = async (item: Pending) => {
    setPending((list) => list.map((p) => (p.uid === item.uid ? { ...p, percent: 0, error: null } : p)));
    try {
      const next = await uploadVisitPhoto(detail.id, item.file, (percent) =>
        setPending((list) => list.map((p) => (p.uid === item.uid ? { ...p, percent } : p))),
      );
      setPending((list) => list.filter((p) => p.uid !== item.uid));
      refresh(next);
      onChanged(next);
    } catch (error) {
      setPending((list) => list.map((p) => (p.uid === item.uid ? { ...p, error: errorMessage(error) } : p)));
    }
  };

  const choose = (files: FileList | null) => {
    setRefusal(null);
    const accepted: Pending[] = [];
    for (const file of Array.from(files ?? [])) {
      const reason = refusePhoto(file);
      if (reason) {
        setRefusal(reason);
        continue;
      }
      if (accepted.length >= room) {
        setRefusal(`每次家访最多 ${MAX_VISIT_PHOTOS} 张照片,多出的未上传。`);
        break;
      }
      accepted.push({ uid: `${Date.now()}-${file.name}-${accepted.length}`, file, percent: 0, error: null });
    }
    setPending((list) => [...list, ...accepted]);
    // One after another: a phone on a weak network does better than with parallel uploads.
    void accepted.reduce((chain, item) => chain.then(() => send(item)), Promise.resolve());
    if (input.current) input.current.value = '';
  };

  return (
    <Card
      size="small"
      title={`家访照片(${detail.photos.length}/${MAX_VISIT_PHOTOS})`}
      extra={
        editable ? (
          <Button icon={<CameraOutlined />} onClick={() => input.current?.click()} disabled={room <= 0}>
            拍照/选择照片
          </Button>
        ) : null
      }
    >
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png"
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => choose(e.target.files)}
      />
      <Flex vertical gap={8}>
        {refusal ? <Alert type="error" showIcon title={refusal} closable={{ onClose: () => setRefusal(null) }} /> : null}
        {detail.photos.length === 0 && pending.length === 0 ? (
          <Typography.Text type="secondary">
            {editable ? '可上传住房、家庭环境等照片(JPG/PNG,单张不超过 10 MB)。照片仅对有权查看该学生的老师可见。' : '未上传照片'}
          </Typography.Text>
        ) : null}
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {detail.photos.map((photo) => (
              <Flex key={photo.id} vertical align="center" gap={4} style={{ width: 96 }}>
                <Image src={photo.url} alt={photo.name} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 4 }} />
                {editable ? (
                  <Popconfirm
                    title="删除这张照片?"
                    okText="删除"
                    cancelText="取消"
                    onConfirm={async () => onChanged(await remove.mutateAsync({ id: detail.id, photoId: photo.id }))}
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除照片 ${photo.name}`} />
                  </Popconfirm>
                ) : null}
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
        {pending.map((p) => (
          <Flex key={p.uid} align="center" gap={8} wrap>
            <Typography.Text ellipsis style={{ maxWidth: 180 }}>
              {p.file.name}
            </Typography.Text>
            {p.error ? (
              <>
                <Typography.Text type="danger">{p.error}</Typography.Text>
                <Button size="small" icon={<ReloadOutlined />} onClick={() => void send(p)}>
                  重试
                </Button>
                <Button size="small" type="text" onClick={() => setPending((list) => list.filter((x) => x.uid !== p.uid))}>
                  移除
                </Button>
              </>
            ) : (
              <Progress percent={p.percent} size="small" style={{ width: 140 }} />
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
