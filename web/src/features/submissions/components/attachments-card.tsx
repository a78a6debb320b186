import { Card, Divider, Flex, Tag, Typography } from 'antd';
import type { SubmissionDetail } from '../../../../../contracts/submissions.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { removeAttachment, uploadAttachment } from '../api/submissions-api.ts';
import { FileUploader } from './file-uploader.tsx';

/** The template's attachment slots, each with its rules; the 可行性论证 turns required when the case is planned. */
export function AttachmentsCard({
  detail,
  planned,
  readOnly,
  problems,
  onChanged,
}: {
  detail: SubmissionDetail;
  planned: boolean;
  readOnly: boolean;
  problems: Map<string, string>;
  onChanged: (d: SubmissionDetail) => void;
}) {
  const isMobile = useIsMobile();
  const slots = detail.template.attachmentSlots;
  return (
    <Card title="附件" styles={{ body: { padding: isMobile ? 12 : 24 } }}>
      {slots.length === 0 ? <Typography.Text type="secondary">本类别无需上传附件。</Typography.Text> : null}
      {slots.map((slot, i) => {
        const required = slot.required || (slot.requiredWhenPlanned && planned);
        const problem = problems.get(`attachments.${slot.key}`);
        const files = detail.attachments.filter((a) => a.slot === slot.key);
        return (
          <div key={slot.key} data-testid={`slot-${slot.key}`} data-field={`attachments.${slot.key}`}>
            {i > 0 ? <Divider style={{ margin: '16px 0' }} /> : null}
            <Flex vertical gap={6}>
              <Flex wrap gap={8} align="center">
                <Typography.Text strong>{slot.label}</Typography.Text>
                {required ? (
                  <Tag color="red">{slot.required ? '必传' : '尚待实施,必传'}</Tag>
                ) : slot.requiredWhenPlanned ? (
                  <Tag>尚待实施时必传</Tag>
                ) : (
                  <Tag>选填</Tag>
                )}
              </Flex>
              {slot.guidance ? (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {slot.guidance}
                </Typography.Text>
              ) : null}
              {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
              <FileUploader
                label={slot.label}
                accept={slot.accept}
                maxBytes={slot.maxBytes}
                maxFiles={slot.maxFiles}
                files={files.map((a) => ({
                  key: a.id,
                  file: a.file,
                  onRemove: () => removeAttachment(detail.id, a.id).then(onChanged, (e: unknown) => notifyError(errorMessage(e))),
                }))}
                upload={(file, onProgress) => uploadAttachment(detail.id, slot.key, file, onProgress)}
                onUploaded={onChanged}
                readOnly={readOnly}
              />
            </Flex>
          </div>
        );
      })}
    </Card>
  );
}
