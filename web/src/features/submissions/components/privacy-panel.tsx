import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, Modal, Popconfirm, Tag, Typography } from 'antd';
import { AimOutlined, CheckCircleOutlined, EyeInvisibleOutlined, WarningOutlined } from '@ant-design/icons';
import { acknowledgePiiInput, piiKindLabels, uncheckedReasonLabels, type SubmissionPiiFindingDto } from '../../../../../contracts/pii.ts';
import type { SubmissionDetail } from '../../../../../contracts/submissions.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { acknowledgePii, revokePiiAcknowledgement } from '../api/submissions-api.ts';

/**
 * Scrolls to the form field a finding is in (elements carry `data-field`: 'title',
 * 'sections.practice', 'attachments.case_document', …; else their group:
 * 'students', 'activities') and puts the cursor there.
 */
export function jumpToField(field: string): void {
  const element =
    document.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`) ??
    document.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.split('.')[0]!)}"]`);
  if (!element) return;
  element.scrollIntoView({ block: 'center' });
  const input = element.matches('textarea, input') ? element : element.querySelector<HTMLElement>('textarea, input:not([type=file])');
  input?.focus({ preventScroll: true });
}

const REASON_HINT = '例如:该电话为学校公开办公电话;该地址为活动场地,非学生住址。';

function AcknowledgeModal({
  finding,
  onCancel,
  onConfirm,
}: {
  finding: SubmissionPiiFindingDto | null;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const check = acknowledgePiiInput.shape.reason.safeParse(reason);
  return (
    <Modal
      open={finding !== null}
      title="确认无误,保留这项信息"
      okText="确认保留"
      cancelText="取消"
      okButtonProps={{ disabled: !check.success, loading: pending }}
      onCancel={onCancel}
      afterClose={() => {
        setReason('');
        setError(null);
      }}
      onOk={async () => {
        setPending(true);
        setError(null);
        try {
          await onConfirm(reason.trim());
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setPending(false);
        }
      }}
      destroyOnHidden
    >
      {finding ? (
        <Flex vertical gap={12}>
          <Typography.Text>
            {finding.where}中的{piiKindLabels[finding.kind]} <Typography.Text code>{finding.masked}</Typography.Text>
          </Typography.Text>
          <Typography.Text type="secondary">
            学生的个人敏感信息原则上不得随申报材料报送。只有确需保留时(例如学校公开的办公电话),才在此说明原因;确认记录(原因、确认人、时间)将随申报保存。同一号码在申报中多处出现时,确认一次即可。
          </Typography.Text>
          <Input.TextArea
            aria-label="保留原因"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={200}
            showCount
            placeholder={REASON_HINT}
            status={reason && !check.success ? 'error' : undefined}
          />
          {reason && !check.success ? <Typography.Text type="danger">{check.error.issues[0]?.message}</Typography.Text> : null}
          {error ? <Alert type="error" showIcon title={error} /> : null}
        </Flex>
      ) : null}
    </Modal>
  );
}

/**
 * 隐私检查: what the server's PII scan found in the case's text and attachments
 * (masked), where each is with a jump to it, and the files a person must check
 * by hand. Each finding is fixed in the form, or kept with 确认无误 and a reason.
 */
export function PrivacyPanel({ detail, onChanged }: { detail: SubmissionDetail; onChanged: (next: SubmissionDetail) => void }) {
  const isMobile = useIsMobile();
  const [acknowledging, setAcknowledging] = useState<SubmissionPiiFindingDto | null>(null);
  const privacy = detail.privacy;
  if (!privacy) return null;
  const open = privacy.findings.filter((f) => !f.acknowledgement);
  const ability = detail.abilities.acknowledgePii;
  // Once the case is sent the panel is a record: no buttons.
  const actionable = ability.allowed || ability.whyNot === 'not_own_draft';

  if (privacy.findings.length === 0 && privacy.unchecked.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="privacy-panel"
        data-state="clear"
        title="隐私检查:未发现身份证号、手机号码、银行卡号、出生日期或住址。"
      />
    );
  }

  const revoke = async (f: SubmissionPiiFindingDto) => {
    try {
      onChanged(await revokePiiAcknowledgement(detail.id, f.acknowledgement!.id));
      notifySuccess('已撤销确认');
    } catch (e) {
      notifyError(errorMessage(e));
    }
  };

  return (
    <Card
      size="small"
      data-testid="privacy-panel"
      data-state={open.length ? 'findings' : 'acknowledged'}
      title={
        <Flex wrap gap={8} align="center">
          <EyeInvisibleOutlined />
          <span>隐私检查</span>
          {open.length ? (
            <Tag color="red">{open.length} 项待处理</Tag>
          ) : privacy.findings.length ? (
            <Tag color="green">已全部确认</Tag>
          ) : null}
        </Flex>
      }
      styles={{ body: { padding: isMobile ? 8 : 16 } }}
    >
      <Flex vertical gap={12}>
        {open.length ? (
          <Typography.Text type="secondary">
            申报内容或附件中发现以下个人敏感信息(已隐去部分数字)。请删除或改写;附件中的请修改文件后重新上传。确需保留的,点“确认无误”并说明原因。
          </Typography.Text>
        ) : null}
        {privacy.findings.map((f) => (
          <Flex
            key={`${f.field}|${f.fileId ?? ''}|${f.fingerprint}`}
            vertical
            gap={4}
            data-testid="privacy-finding"
            data-kind={f.kind}
            style={{ borderInlineStart: `3px solid ${f.acknowledgement ? '#52c41a' : '#ff4d4f'}`, paddingInlineStart: 8 }}
          >
            <Flex wrap gap={8} align="center">
              <Tag color={f.acknowledgement ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
                {piiKindLabels[f.kind]}
              </Tag>
              <Button
                type="link"
                size="small"
                icon={<AimOutlined />}
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                onClick={() => jumpToField(f.field)}
              >
                {f.where}
              </Button>
            </Flex>
            <Typography.Text style={{ wordBreak: 'break-all' }} data-testid="privacy-excerpt">
              {f.excerpt}
            </Typography.Text>
            {f.acknowledgement ? (
              <Flex wrap gap={8} align="center">
                <Typography.Text type="success" style={{ fontSize: 13 }}>
                  <CheckCircleOutlined /> 已确认保留:{f.acknowledgement.reason}({f.acknowledgement.by?.displayName ?? '—'},
                  {formatDateTime(f.acknowledgement.at)})
                </Typography.Text>
                {ability.allowed ? (
                  <Popconfirm
                    title="撤销这项确认?"
                    description="撤销后,这项信息将重新阻止提交。"
                    okText="撤销"
                    cancelText="取消"
                    onConfirm={() => revoke(f)}
                  >
                    <Button size="small" type="link" danger style={{ padding: 0 }}>
                      撤销确认
                    </Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            ) : actionable ? (
              <div>
                <AbilityButton size="small" ability={ability} onClick={() => setAcknowledging(f)}>
                  确认无误
                </AbilityButton>
              </div>
            ) : null}
          </Flex>
        ))}
        {privacy.unchecked.map((u) => (
          <Flex key={`unchecked-${u.fileId}-${u.field}`} gap={8} align="flex-start" data-testid="privacy-unchecked">
            <WarningOutlined style={{ color: '#faad14', marginTop: 4 }} />
            <Typography.Text style={{ wordBreak: 'break-all' }}>
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                onClick={() => jumpToField(u.field)}
              >
                {u.where}
              </Button>
              :{uncheckedReasonLabels[u.reason]}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
      <AcknowledgeModal
        finding={acknowledging}
        onCancel={() => setAcknowledging(null)}
        onConfirm={async (reason) => {
          const next = await acknowledgePii(detail.id, { fingerprint: acknowledging!.fingerprint, reason });
          setAcknowledging(null);
          onChanged(next);
          notifySuccess('已确认,该项不再阻止提交');
        }}
      />
    </Card>
  );
}
