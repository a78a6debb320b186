import { useState } from 'react';
import { Button, Flex, List, Popconfirm, Progress, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { fileKindLabels, type FileKind } from '../../../../../contracts/form-template.ts';
import type { StoredFileDto, SubmissionDetail } from '../../../../../contracts/submissions.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/time.ts';

const extensions: Record<FileKind, string[]> = {
  docx: ['.docx'],
  pdf: ['.pdf'],
  xlsx: ['.xlsx'],
  jpg: ['.jpg', '.jpeg'],
  png: ['.png'],
  mp4: ['.mp4', '.m4v'],
  zip: ['.zip'],
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function acceptText(accept: readonly FileKind[], maxBytes: number): string {
  return `接受 ${accept.map((k) => fileKindLabels[k]).join('、')},单个不超过 ${formatBytes(maxBytes)}`;
}

/**
 * Checked before sending, so a wrong file is refused at once with the reason:
 * size exactly, type by the name (the server then decides by the content).
 */
export function refuseFile(file: { name: string; size: number }, accept: readonly FileKind[], maxBytes: number): string | null {
  if (file.size === 0) return `“${file.name}”是空文件,请选择有内容的文件。`;
  if (file.size > maxBytes)
    return `“${file.name}”有 ${formatBytes(file.size)},超过此处的大小限制 ${formatBytes(maxBytes)},请压缩后重新上传。`;
  const lower = file.name.toLowerCase();
  if (!accept.some((k) => extensions[k].some((ext) => lower.endsWith(ext)))) {
    return `“${file.name}”的类型不符合要求,此处只接受:${accept.map((k) => fileKindLabels[k]).join('、')}。`;
  }
  return null;
}

type Pending = { uid: string; file: File; percent: number; error: string | null };

type Props = {
  label: string;
  accept: readonly FileKind[];
  maxBytes: number;
  maxFiles: number;
  files: { key: number; file: StoredFileDto; onRemove: () => Promise<unknown> }[];
  upload: (file: File, onProgress: (percent: number) => void) => Promise<SubmissionDetail>;
  onUploaded: (detail: SubmissionDetail) => void;
  readOnly: boolean;
};

/** Files of one slot: the list with download and remove, and uploads with progress and a retry. */
export function FileUploader({ label, accept, maxBytes, maxFiles, files, upload, onUploaded, readOnly }: Props) {
  const [pending, setPending] = useState<Pending[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const room = maxFiles - files.length - pending.filter((p) => !p.error).length;

  const send = (item: Pending) => {
    setPending((list) => [...list.filter((p) => p.uid !== item.uid), { ...item, percent: 0, error: null }]);
    upload(item.file, (percent) => setPending((list) => list.map((p) => (p.uid === item.uid ? { ...p, percent } : p))))
      .then((detail) => {
        setPending((list) => list.filter((p) => p.uid !== item.uid));
        onUploaded(detail);
      })
      .catch((error: unknown) => {
        setPending((list) => list.map((p) => (p.uid === item.uid ? { ...p, error: errorMessage(error) } : p)));
      });
  };

  const beforeUpload = (file: File & { uid?: string }) => {
    const reason = refuseFile(file, accept, maxBytes);
    if (reason) {
      setRefusal(reason);
      return Upload.LIST_IGNORE;
    }
    if (room <= 0) {
      setRefusal(`“${label}”最多上传 ${maxFiles} 个文件,请先删除已有文件再上传。`);
      return Upload.LIST_IGNORE;
    }
    setRefusal(null);
    send({ uid: file.uid ?? `${file.name}-${Date.now()}`, file, percent: 0, error: null });
    return false;
  };

  return (
    <Flex vertical gap={8}>
      {files.length ? (
        <List
          size="small"
          bordered
          dataSource={files}
          renderItem={({ key, file, onRemove }) => (
            <List.Item
              key={key}
              actions={
                readOnly
                  ? []
                  : [
                      <Popconfirm
                        key="remove"
                        title={`删除“${file.name}”?`}
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => {
                          setRemoving(key);
                          return onRemove().finally(() => setRemoving(null));
                        }}
                      >
                        <Button
                          type="text"
                          danger
                          size="small"
                          icon={<DeleteOutlined />}
                          loading={removing === key}
                          aria-label={`删除 ${file.name}`}
                        />
                      </Popconfirm>,
                    ]
              }
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <a href={file.url} download={file.name} style={{ wordBreak: 'break-all' }}>
                  <PaperClipOutlined /> {file.name}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatBytes(file.sizeBytes)} · {formatDateTime(file.uploadedAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
      {pending.map((p) => (
        <Flex key={p.uid} vertical gap={2} data-testid="upload-pending">
          <Typography.Text style={{ wordBreak: 'break-all' }}>{p.file.name}</Typography.Text>
          {p.error ? (
            <Flex wrap gap={8} align="center">
              <Typography.Text type="danger">{p.error}</Typography.Text>
              <Button size="small" icon={<ReloadOutlined />} onClick={() => send(p)}>
                重试
              </Button>
              <Button size="small" type="text" onClick={() => setPending((list) => list.filter((x) => x.uid !== p.uid))}>
                放弃
              </Button>
            </Flex>
          ) : (
            <Progress percent={p.percent} size="small" status="active" format={(n) => (n === 100 ? '检查中…' : `${n}%`)} />
          )}
        </Flex>
      ))}
      {refusal ? (
        <Typography.Text type="danger" role="alert">
          {refusal}
        </Typography.Text>
      ) : null}
      {readOnly ? null : (
        <Flex wrap gap={8} align="center">
          <Upload
            accept={accept.flatMap((k) => extensions[k]).join(',')}
            multiple={maxFiles > 1}
            showUploadList={false}
            beforeUpload={beforeUpload}
          >
            <Button icon={<UploadOutlined />} disabled={room <= 0} aria-label={`上传${label}`}>
              上传文件
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {acceptText(accept, maxBytes)};最多 {maxFiles} 个
          </Typography.Text>
        </Flex>
      )}
    </Flex>
  );
}
