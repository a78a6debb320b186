import { useState } from 'react';
import { Alert, Button, Flex, Popconfirm, Progress, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { fileKindLabels } from '../../../../../contracts/form-template.ts';
import { REGISTRY_FILE_MAX_BYTES, registryFileKinds, type RegistryFileDto } from '../../../../../contracts/registries.ts';
import type { Ability } from '../../../../../contracts/submissions.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { t } from '../../../locales/zh-CN.ts';
import { uploadRegistryFile, useDeleteRegistryFile, useInvalidateRegistries } from '../api/registries-api.ts';

const ACCEPT = '.docx,.pdf,.jpg,.jpeg,.png';
const acceptText = `${registryFileKinds.map((k) => fileKindLabels[k]).join('、')},单个不超过 ${REGISTRY_FILE_MAX_BYTES / 1024 / 1024} MB`;

/** A registry's documents and photos: the list (download, remove) and an upload with progress. */
export function RegistryFiles({
  label,
  files,
  uploadPath,
  canUpload,
}: {
  label: string;
  files: RegistryFileDto[];
  uploadPath: string;
  canUpload: Ability;
}) {
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const remove = useDeleteRegistryFile();
  const invalidate = useInvalidateRegistries();

  const beforeUpload = (file: File) => {
    setRefusal(null);
    if (file.size > REGISTRY_FILE_MAX_BYTES) {
      setRefusal(`“${file.name}”超过大小限制,请压缩后重新上传(${acceptText})。`);
      return Upload.LIST_IGNORE;
    }
    setProgress({ name: file.name, percent: 0 });
    uploadRegistryFile(uploadPath, file, (percent) => setProgress({ name: file.name, percent }))
      .then(() => {
        notifySuccess(`已上传“${file.name}”`);
        invalidate();
      })
      .catch((error: unknown) => setRefusal(errorMessage(error)))
      .finally(() => setProgress(null));
    return false;
  };

  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{label}</Typography.Text>
      {files.length === 0 ? <Typography.Text type="secondary">暂无文件</Typography.Text> : null}
      {files.map((f) => (
        <Flex key={f.id} gap={8} align="center" style={{ minWidth: 0 }}>
          <PaperClipOutlined />
          <a href={f.url} download={f.name} style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {f.name}
          </a>
          {f.abilities.delete.allowed ? (
            <Popconfirm
              title={`删除“${f.name}”?`}
              okText={t.delete}
              okButtonProps={{ danger: true }}
              cancelText={t.cancel}
              onConfirm={() => remove.mutateAsync(f.id).catch(() => undefined)}
            >
              <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={`删除 ${f.name}`} />
            </Popconfirm>
          ) : null}
        </Flex>
      ))}
      {progress ? <Progress percent={progress.percent} size="small" format={() => progress.name} /> : null}
      {refusal ? <Alert type="error" showIcon title={refusal} role="alert" /> : null}
      {canUpload.allowed ? (
        <Upload accept={ACCEPT} beforeUpload={beforeUpload} showUploadList={false} multiple={false}>
          <Button icon={<UploadOutlined />} loading={progress !== null}>
            上传文件
          </Button>
        </Upload>
      ) : null}
      {canUpload.allowed ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          接受 {acceptText}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
