import { Link } from 'react-router';
import { Alert, Descriptions, Drawer, Flex, Steps, Timeline, Typography } from 'antd';
import { visitModeLabels, type VisitMode } from '../../../../../contracts/home-visits.ts';
import {
  appraisalResultLabels,
  identificationStepLabels,
  type IdentificationDetail,
  type IdentificationDto,
  type IdentificationStep,
} from '../../../../../contracts/identifications.ts';
import { piiKindLabels } from '../../../../../contracts/pii.ts';
import { PageLoading } from '../../../components/page-loading.tsx';
import { formatDate, formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useIdentification } from '../api/identifications-api.ts';
import { StatusTag } from './status-tag.tsx';
import { StepActions } from './step-actions.tsx';
import type { StepKind } from './step-modal.tsx';

const eventLabels: Record<string, string> = {
  applied: '录入申请(诚信承诺)',
  visit_linked: '关联家访',
  appraised: '民主评议',
  proposed: '单位审核:拟定等级',
  rejected: '单位审核:不予认定',
  returned: '学院复核:退回单位',
  confirmed: '学院复核:确认',
  noticed: '列入公示',
  revoked: '异议成立,撤销认定',
  archived: '公示期满,归档',
  adjusted: '学期调整等级',
};

/** Which step the pipeline is at (index into identificationSteps), and whether it ended there. */
function progress(d: IdentificationDetail): { current: number; status: 'process' | 'finish' | 'error' } {
  const order: IdentificationStep[] = ['application', 'visit', 'appraisal', 'review', 'recheck', 'notice', 'archive'];
  const at = (s: IdentificationStep) => order.indexOf(s);
  switch (d.status) {
    case 'applied':
    case 'appraised':
      return { current: !d.hasCompletedVisit ? at('visit') : !d.appraisal ? at('appraisal') : at('review'), status: 'process' };
    case 'rejected':
      return { current: at('review'), status: 'error' };
    case 'proposed':
      return { current: at('recheck'), status: 'process' };
    case 'confirmed':
    case 'in_notice':
      return { current: at('notice'), status: 'process' };
    case 'revoked':
      return { current: at('notice'), status: 'error' };
    case 'archived':
      return { current: at('archive'), status: 'finish' };
  }
}

function detailText(details: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof details.level === 'string') parts.push(`等级:${details.level}`);
  if (typeof details.result === 'string') parts.push(appraisalResultLabels[details.result as 'supported'] ?? '');
  if (typeof details.fromLevel === 'string' || typeof details.toLevel === 'string')
    parts.push(`${details.fromLevel ?? '—'} → ${details.toLevel}`);
  if (typeof details.semesterLabel === 'string') parts.push(details.semesterLabel);
  if (typeof details.visitedOn === 'string') parts.push(`家访日期 ${details.visitedOn}`);
  return parts.filter(Boolean).join(';');
}

export function IdentificationDrawer({
  id,
  onClose,
  onStep,
}: {
  id: number | null;
  onClose: () => void;
  onStep: (kind: StepKind, item: IdentificationDto) => void;
}) {
  const isMobile = useIsMobile();
  const query = useIdentification(id);
  const d = query.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={isMobile ? '100%' : 640}
      title={d ? `${d.student.name} · ${d.schoolYear}学年认定` : '认定详情'}
    >
      {!d ? (
        <PageLoading />
      ) : (
        <Flex vertical gap={16}>
          <Flex wrap gap={8} align="center">
            <StatusTag status={d.status} />
            <Typography.Text type="secondary">
              {d.student.studentNo} · {d.student.className ?? '—'} · {d.student.unitName}
            </Typography.Text>
          </Flex>
          <Steps
            orientation={isMobile ? 'vertical' : 'horizontal'}
            size="small"
            titlePlacement="vertical"
            {...progress(d)}
            items={(Object.keys(identificationStepLabels) as IdentificationStep[]).map((s) => ({ title: identificationStepLabels[s] }))}
          />
          {d.returned ? <Alert type="warning" showIcon title="学院复核退回" description={d.returned.reason} /> : null}
          {!d.hasCompletedVisit && (d.status === 'applied' || d.status === 'appraised') ? (
            <Alert
              type="info"
              showIcon
              title="先家访后认定"
              description={
                <span>
                  该生本学年还没有已完成的家访。请在 <Link to="/home-visits">家访记录</Link> 中记录并完成家访,完成后自动关联。
                </span>
              }
            />
          ) : null}
          <StepActions item={d} onStep={(kind) => onStep(kind, d)} size="middle" />
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="诚信承诺">已签署({formatDate(d.application.pledgeSignedOn)})</Descriptions.Item>
            <Descriptions.Item label="学生陈述">
              <span style={{ whiteSpace: 'pre-wrap' }}>{d.application.statedSituation}</span>
            </Descriptions.Item>
            {d.privacyWarnings.length ? (
              <Descriptions.Item label="隐私提示">
                <Typography.Text type="warning">
                  陈述中疑似含有{[...new Set(d.privacyWarnings.map((w) => piiKindLabels[w.kind]))].join('、')},请核对。
                </Typography.Text>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label="申请等级">{d.application.requestedLevel?.name ?? '未填'}</Descriptions.Item>
            <Descriptions.Item label="家访">
              {d.visit ? (
                <Link to={`/home-visits/${d.visit.id}`}>
                  {formatDate(d.visit.visitedOn)} · {visitModeLabels[d.visit.mode as VisitMode] ?? d.visit.mode} ·{' '}
                  {d.visit.visitors.join('、')}
                </Link>
              ) : (
                '未关联'
              )}
            </Descriptions.Item>
            <Descriptions.Item label="民主评议">
              {d.appraisal
                ? `${appraisalResultLabels[d.appraisal.result]}(${formatDate(d.appraisal.appraisedOn)})${d.appraisal.suggestedLevel ? `,建议${d.appraisal.suggestedLevel.name}` : ''}${d.appraisal.note ? `:${d.appraisal.note}` : ''}`
                : '未评议'}
            </Descriptions.Item>
            <Descriptions.Item label="单位审核">
              {d.review
                ? `${d.review.proposedLevel ? `拟定${d.review.proposedLevel.name}` : '不予认定'}${d.review.reason ? `:${d.review.reason}` : ''}`
                : '未审核'}
            </Descriptions.Item>
            <Descriptions.Item label="认定等级">{d.level?.name ?? '—'}</Descriptions.Item>
            {d.notice ? (
              <Descriptions.Item label="公示">
                <Link to={`/notices/${d.notice.id}`}>
                  {formatDate(d.notice.startsOn)} 至 {formatDate(d.notice.endsOn)}
                </Link>
              </Descriptions.Item>
            ) : null}
            {d.revoked ? <Descriptions.Item label="撤销原因">{d.revoked.reason ?? '—'}</Descriptions.Item> : null}
          </Descriptions>
          <div>
            <Typography.Title level={5}>办理记录</Typography.Title>
            <Timeline
              items={d.events.map((e) => ({
                color: e.action === 'rejected' || e.action === 'revoked' || e.action === 'returned' ? 'red' : 'blue',
                content: (
                  <Flex vertical gap={2}>
                    <Typography.Text strong>{eventLabels[e.action] ?? e.action}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(e.at)} · {e.actor?.displayName ?? '系统'}
                    </Typography.Text>
                    {detailText(e.details) ? <Typography.Text>{detailText(e.details)}</Typography.Text> : null}
                    {e.note ? <Typography.Text>{e.note}</Typography.Text> : null}
                  </Flex>
                ),
              }))}
            />
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
