import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Collapse, Flex, Popconfirm, Result, Steps, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { SubmissionDetail, SubmitProblem } from '../../../../../contracts/submissions.ts';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useAbilities } from '../../../lib/session.tsx';
import { decisionOutcomeLabels } from '../../../../../contracts/decisions.ts';
import { formatDateTime, inShanghai } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { PageLoading } from '../../../components/page-loading.tsx';
import { NotFoundResult } from '../../../components/not-found-result.tsx';
import {
  submissionKey,
  useCampaignList,
  useDeleteSubmission,
  useRefreshSubmissions,
  useReviewResult,
  useSubmission,
  useSubmissionAction,
  type SubmissionAction,
} from '../api/submissions-api.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { ActivitiesEditor } from '../components/activities-editor.tsx';
import { AttachmentsCard } from '../components/attachments-card.tsx';
import { CaseForm } from '../components/case-form.tsx';
import { ConflictModal } from '../components/conflict-modal.tsx';
import { PrivacyPanel } from '../components/privacy-panel.tsx';
import { SaveIndicator } from '../../../components/save-indicator.tsx';
import { StatusTags } from '../components/status-tags.tsx';
import { ProblemList, problemsOf } from '../components/submit-problems.tsx';
import {
  contentOf,
  isLockedError,
  isStaleRevision,
  loadLatestContent,
  localDraftKey,
  saveDraftContent,
  studentsReady,
  type DraftContent,
} from '../lib/draft-content.ts';
import { useAutosave } from '../../../lib/use-autosave.ts';
import { useQueryClient } from '@tanstack/react-query';
import type { AutosaveOptions } from '../../../lib/autosave.ts';
import { currentCampaign } from '../../../lib/current-campaign.ts';

const eventLabels: Record<string, string> = {
  created: '创建草稿',
  selected: '列入推荐清单',
  unselected: '移出推荐清单',
  approved: '分管领导签批',
  submitted: '提交',
  resubmitted: '修改后重新提交',
  withdrawn: '撤回',
  returned: '退回修改',
  accepted: '形式审查通过',
  deleted: '删除',
  pii_acknowledged: '隐私检查:确认保留',
  pii_acknowledgement_revoked: '隐私检查:撤销确认',
};

/** Where the case is on the unit's way: draft → selected → signed off → submitted → form-checked (the step in progress). */
function stepOf(d: SubmissionDetail): { current: number; status: 'process' | 'finish' | 'error' } {
  if (d.status === 'accepted') return { current: 4, status: 'finish' };
  if (d.status === 'submitted') return { current: 4, status: 'process' };
  if (d.status === 'returned') return { current: 4, status: 'error' };
  if (d.approved) return { current: 3, status: 'process' };
  if (d.selected) return { current: 2, status: 'process' };
  return { current: 0, status: 'process' };
}

function problemMap(problems: SubmitProblem[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of problems) if (p.field && !map.has(p.field)) map.set(p.field, p.message);
  return map;
}

export default function SubmissionPage() {
  const params = useParams();
  const id = Number(params.id);
  const query = useSubmission(id);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundResult />;
  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    const error = query.error;
    if (isApiError(error) && error.status === 404) return <NotFoundResult />;
    return (
      <Result
        status={isApiError(error) && error.status === 403 ? '403' : 'warning'}
        title={isApiError(error) && error.status === 403 ? '无权查看' : '加载失败'}
        subTitle={errorMessage(error)}
        extra={<Button onClick={() => void query.refetch()}>重试</Button>}
      />
    );
  }
  return <SubmissionEditor key={id} detail={query.data} />;
}

function SubmissionEditor({ detail }: { detail: SubmissionDetail }) {
  const id = detail.id;
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const refresh = useRefreshSubmissions();
  const action = useSubmissionAction();
  const remove = useDeleteSubmission();
  const campaigns = useCampaignList();
  const [checkShown, setCheckShown] = useState(false);
  const [submitProblems, setSubmitProblems] = useState<SubmitProblem[] | null>(null);
  const editable = detail.abilities.edit.allowed;
  const appAbilities = useAbilities();
  // Once the institute has released it: the outcome (never scores) of a sent case of the unit.
  const reviewResult = useReviewResult(id, appAbilities.viewReviewResults && detail.receiptNo !== null);

  // Options are read once per case (the controller lives as long as the page).
  const options = useMemo<AutosaveOptions<DraftContent> | null>(
    () =>
      editable
        ? {
            storageKey: localDraftKey(id),
            values: contentOf(detail),
            revision: detail.revision,
            save: (changes, revision) => saveDraftContent(id, changes, revision),
            loadLatest: () => loadLatestContent(id),
            isConflict: isStaleRevision,
            isLocked: isLockedError,
            messageOf: errorMessage,
            ready: (key, value) => key !== 'students' || studentsReady(value as DraftContent['students']),
          }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id, editable],
  );
  const autosave = useAutosave(options);
  const snapshot = autosave?.snapshot ?? null;
  const values = snapshot?.values ?? contentOf(detail);
  const readOnly = !editable || !snapshot;

  // After each confirmed save the submit check and abilities are recomputed by the server.
  const savedAt = snapshot?.savedAt?.getTime();
  useEffect(() => {
    if (savedAt) void client.invalidateQueries({ queryKey: submissionKey(id) });
  }, [savedAt, id, client]);

  /** A file, an activity, a sign-off: the server answered with the case; its revision moves on. */
  const onChanged = (next: SubmissionDetail) => {
    refresh(next);
    autosave?.controller.syncRevision(next.revision);
  };

  const track =
    currentCampaign(campaigns.data)?.id === detail.campaign.id
      ? currentCampaign(campaigns.data)?.tracks.find((t) => t.id === detail.track.id)
      : campaigns.data?.find((c) => c.id === detail.campaign.id)?.tracks.find((t) => t.id === detail.track.id);
  const subtypes = track?.subtypes ?? (detail.subtype ? [detail.subtype] : []);

  const liveProblems = submitProblems ?? detail.problems ?? [];
  const fieldProblems = checkShown || submitProblems ? problemMap(liveProblems) : new Map<string, string>();

  /** Unsaved edits go to the server first: a sign-off or a submission is of what the server holds. */
  const flushed = async () => {
    if (!autosave) return true;
    const ok = await autosave.controller.flush();
    if (!ok && autosave.controller.pending) {
      modal.warning({ title: '还有未保存的修改', content: '请等修改保存成功(页面上方显示“已保存”)后再操作。' });
      return false;
    }
    return true;
  };

  const run = async (kind: SubmissionAction) => {
    if ((kind === 'approve' || kind === 'submit') && !(await flushed())) return;
    try {
      const next = await action.mutateAsync({ id, action: kind });
      onChanged(next);
      setSubmitProblems(null);
      if (kind === 'submit') {
        modal.success({
          title: detail.status === 'returned' ? '已重新提交' : '已提交',
          content: (
            <span>
              受理编号{' '}
              <Typography.Text strong copyable data-testid="receipt-no">
                {next.receiptNo}
              </Typography.Text>
              ,已发送给类别牵头人。截止前如需修改,可撤回后重新提交。
            </span>
          ),
        });
      } else {
        notifySuccess(
          { select: '已列入推荐清单', unselect: '已移出推荐清单', approve: '已签批', withdraw: '已撤回,可修改后重新提交', submit: '' }[
            kind
          ],
        );
      }
    } catch (error) {
      const problems = problemsOf(error);
      if (problems.length) {
        setSubmitProblems(problems);
        setCheckShown(true);
        modal.error({
          title: '暂不能提交',
          width: 560,
          content: <ProblemList problems={problems} title="请先处理以下问题(已在表单中标出)" />,
        });
      } else {
        modal.error({ title: '操作未完成', content: errorMessage(error) });
      }
      void client.invalidateQueries({ queryKey: submissionKey(id) });
    }
  };

  const a = detail.abilities;
  const roleRefusal = (code: string | null) =>
    code === 'not_unit_officer' || code === 'not_unit_leader' || code === 'not_own_unit' || code === 'not_unit_staff';
  const show = (ability: { whyNot: string | null }) => !roleRefusal(ability.whyNot);
  const revisionText = `第 ${snapshot?.revision ?? detail.revision} 版`;

  const actions = (
    <Flex wrap gap={8}>
      {detail.status === 'draft' && show(a.select) ? (
        <AbilityButton
          ability={a.select}
          loading={action.isPending && action.variables?.action.endsWith('select')}
          onClick={() => void run(detail.selected ? 'unselect' : 'select')}
        >
          {detail.selected ? '移出推荐清单' : '列入推荐清单'}
        </AbilityButton>
      ) : null}
      {show(a.approve) ? (
        a.approve.allowed ? (
          <Popconfirm
            title={`签批当前内容(${revisionText})?`}
            description="签批后如再修改内容(包括附件),须重新签批。"
            okText="签批"
            cancelText="取消"
            onConfirm={() => run('approve')}
          >
            <Button type={detail.approved ? 'default' : 'primary'}>{detail.approved ? '重新签批' : '签批'}</Button>
          </Popconfirm>
        ) : (
          <AbilityButton ability={a.approve}>签批</AbilityButton>
        )
      ) : null}
      {show(a.submit) && (detail.status === 'draft' || detail.status === 'returned') ? (
        <AbilityButton
          type="primary"
          ability={a.submit}
          loading={action.isPending && action.variables?.action === 'submit'}
          onClick={() => void run('submit')}
        >
          {detail.status === 'returned' ? '重新提交' : '提交'}
        </AbilityButton>
      ) : null}
      {detail.status !== 'draft' && show(a.withdraw) ? (
        a.withdraw.allowed ? (
          <Popconfirm
            title="撤回这项申报?"
            description="撤回后回到草稿,名额释放;截止前可修改后重新提交。"
            okText="撤回"
            cancelText="取消"
            onConfirm={() => run('withdraw')}
          >
            <Button danger>撤回</Button>
          </Popconfirm>
        ) : (
          <AbilityButton ability={a.withdraw} danger>
            撤回
          </AbilityButton>
        )
      ) : null}
      {a.delete.allowed ? (
        <Popconfirm
          title="删除这份草稿?"
          okText="删除"
          cancelText="取消"
          onConfirm={() =>
            remove.mutateAsync(id).then(() => {
              localStorage.removeItem(localDraftKey(id));
              notifySuccess('草稿已删除');
              void navigate('/submissions');
            })
          }
        >
          <Button danger type="text">
            删除草稿
          </Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );

  const planned = values.implementation === 'planned';

  return (
    <>
      <Flex vertical gap={12} style={{ marginBottom: 16 }}>
        <Link to="/submissions">
          <ArrowLeftOutlined /> 本单位申报
        </Link>
        <Flex wrap justify="space-between" align="flex-start" gap={12}>
          <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }}>
              {values.title.trim() || '(未命名申报)'}
            </Typography.Title>
            <Flex wrap gap={8} align="center">
              <StatusTags item={detail} />
              <Typography.Text type="secondary">
                {detail.track.name}
                {detail.subtype ? ` · ${detail.subtype.name}` : ''} · {detail.unit.name} · {detail.createdBy.displayName} 起草
              </Typography.Text>
            </Flex>
            {snapshot ? <SaveIndicator snapshot={snapshot} lastUpdated={detail.updatedAt} /> : null}
          </Flex>
          {actions}
        </Flex>
        {!isMobile ? (
          <Steps
            size="small"
            current={stepOf(detail).current}
            status={stepOf(detail).status}
            items={[{ title: '起草' }, { title: '列入推荐' }, { title: '分管领导签批' }, { title: '提交' }, { title: '形式审查' }]}
          />
        ) : null}
      </Flex>

      <Flex vertical gap={12} style={{ marginBottom: 16 }}>
        {reviewResult.data ? (
          <Alert
            type={reviewResult.data.outcome === 'not_selected' ? 'info' : 'success'}
            showIcon
            data-testid="review-result"
            title={`评审结果:${decisionOutcomeLabels[reviewResult.data.outcome]}`}
            description={reviewResult.data.note ? `备注:${reviewResult.data.note}` : undefined}
          />
        ) : null}
        {appAbilities.formCheck && detail.abilities.edit.whyNot === 'not_own_unit' ? (
          <Alert type="info" showIcon title="这是其他单位提交的申报。" action={<Link to={`/form-check/${id}`}>前往形式审查</Link>} />
        ) : null}
        {snapshot?.restore ? (
          <Alert
            type="warning"
            showIcon
            data-testid="restore-prompt"
            title={`发现本机保存的未提交修改(${inShanghai(snapshot.restore.savedAt).format('MM-DD HH:mm:ss')})`}
            description={
              snapshot.restore.baseRevision < detail.revision
                ? '这些修改尚未保存到服务器,而服务器上的版本此后也有更新。恢复后,您改动过的内容将覆盖服务器上的相应内容。'
                : '上次离开页面时这些修改尚未保存到服务器。'
            }
            action={
              <Flex gap={8} wrap>
                <Button size="small" type="primary" onClick={() => autosave?.controller.acceptRestore()}>
                  恢复我的修改
                </Button>
                <Button size="small" onClick={() => autosave?.controller.discardRestore()}>
                  丢弃
                </Button>
              </Flex>
            }
          />
        ) : null}
        {detail.status === 'returned' ? (
          <Alert
            type="error"
            showIcon
            data-testid="return-reasons"
            title={`类别牵头人已退回修改(${formatDateTime(detail.returnedAt)})`}
            description={
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                  {detail.returnReasons || '(未填写原因)'}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  请按意见修改后,经分管领导重新签批,由资助管理员“重新提交”
                  {detail.deadlines.revisionClosesAt ? `(截止 ${formatDateTime(detail.deadlines.revisionClosesAt)})` : ''}。
                </Typography.Text>
              </>
            }
          />
        ) : null}
        {detail.status === 'submitted' || detail.status === 'accepted' ? (
          <Alert
            type={detail.status === 'accepted' ? 'success' : 'info'}
            showIcon
            title={
              <span>
                {detail.status === 'accepted' ? '已通过形式审查' : '已提交'},受理编号{' '}
                <Typography.Text strong copyable data-testid="receipt-no">
                  {detail.receiptNo}
                </Typography.Text>
              </span>
            }
            description={`提交于 ${formatDateTime(detail.submittedAt)},内容已锁定。${
              detail.status === 'submitted' && detail.deadlines.submissionClosesAt
                ? `如需修改,资助管理员可在 ${formatDateTime(detail.deadlines.submissionClosesAt)} 前撤回。`
                : ''
            }`}
          />
        ) : null}
        {detail.status === 'draft' && detail.receiptNo ? (
          <Alert type="info" showIcon title={`已撤回(原受理编号 ${detail.receiptNo}),修改后可重新提交。`} />
        ) : null}
        {detail.approval && (detail.status === 'draft' || detail.status === 'returned') ? (
          detail.approval.current ? (
            <Alert
              type="success"
              showIcon
              title={`${detail.approval.by?.displayName ?? '分管领导'}已于 ${formatDateTime(detail.approval.at)} 签批(第 ${detail.approval.revision} 版)`}
              description="此后如再修改任何内容(包括附件),签批将失效,须重新签批。"
            />
          ) : (
            <Alert type="warning" showIcon title="签批后内容又有修改,签批已失效,须分管领导重新签批后才能提交。" />
          )
        ) : null}
        {editable && liveProblems.length ? (
          <Collapse
            size="small"
            activeKey={checkShown ? ['check'] : []}
            onChange={(keys) => setCheckShown(keys.includes('check'))}
            items={[
              {
                key: 'check',
                label: (
                  <Typography.Text type="warning">
                    提交前检查:还有 {liveProblems.length} 项需要处理(点击查看,并在表单中标出)
                  </Typography.Text>
                ),
                children: <ProblemList problems={liveProblems} />,
              },
            ]}
          />
        ) : editable && detail.problems?.length === 0 ? (
          <Alert type="success" showIcon title="提交前检查已通过:内容完整,可以提交。" />
        ) : null}
        <PrivacyPanel detail={detail} onChanged={onChanged} />
      </Flex>

      <Flex vertical gap={16}>
        <CaseForm
          detail={detail}
          subtypes={subtypes}
          values={values}
          update={(patch) => autosave?.controller.update(patch)}
          readOnly={readOnly}
          problems={fieldProblems}
        />
        <AttachmentsCard
          detail={detail}
          planned={planned}
          readOnly={!detail.abilities.upload.allowed}
          problems={fieldProblems}
          onChanged={onChanged}
        />
        {detail.track.kind === 'ambassador' ? (
          <Card title="宣传活动记录" styles={{ body: { padding: isMobile ? 12 : 24 } }} data-field="activities">
            <ActivitiesEditor detail={detail} readOnly={!editable} onChanged={onChanged} />
          </Card>
        ) : null}
        <Card title="办理记录" size="small" styles={{ body: { padding: isMobile ? 12 : 24 } }}>
          <Timeline
            items={detail.events
              .slice()
              .reverse()
              .map((e, i) => ({
                key: `${e.at}-${i}`,
                content: (
                  <span>
                    {formatDateTime(e.at)} · {e.actor?.displayName ?? '系统'} · {eventLabels[e.action] ?? e.action}
                    {e.note ? `(${e.note})` : ''}
                  </span>
                ),
              }))}
          />
          {detail.versions.length ? (
            <Typography.Text type="secondary">
              已提交版本:{detail.versions.map((v) => `第 ${v.versionNo} 版(${formatDateTime(v.createdAt)})`).join(';')}
            </Typography.Text>
          ) : null}
        </Card>
      </Flex>

      {snapshot?.conflict ? (
        <ConflictModal
          conflict={snapshot.conflict}
          mine={snapshot.values}
          sections={detail.template.sections}
          onKeepMine={() => autosave?.controller.keepMine()}
          onTakeTheirs={() => autosave?.controller.takeTheirs()}
        />
      ) : null}
    </>
  );
}
