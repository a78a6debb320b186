import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { messageFor, type ReasonCode } from '../../../../../contracts/reasons.ts';
import { weightedTotal } from '../../../../../contracts/review.ts';
import type { ReviewCaseDto } from '../../../../../contracts/reviews.ts';
import { LoadFailedResult } from '../../../components/load-failed-result.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { SaveIndicator } from '../../../components/save-indicator.tsx';
import { api, errorMessage, isApiError } from '../../../lib/api-client.ts';
import type { AutosaveOptions } from '../../../lib/autosave.ts';
import { useMe } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAutosave } from '../../../lib/use-autosave.ts';
import { saveReviewDraft, useReviewCase, useSubmitReview } from '../api/reviews-api.ts';
import { CaseReviews, ReviewThread, VersionHistory } from '../components/case-reviews.tsx';
import { ReviewCaseContent } from '../components/review-case-content.tsx';
import { ReviewStateTag } from '../components/review-state-tag.tsx';

interface ReviewValues {
  scores: Record<string, number | null>;
  comment: string;
  privateNote: string;
}

const valuesOf = (c: ReviewCaseDto): ReviewValues => ({
  scores: c.review.scores,
  comment: c.review.comment,
  privateNote: c.review.privateNote,
});

const lockedCodes = new Set<string>(['review_closed', 'reviewer_conflict', 'review_not_assigned', 'review_case_not_accepted']);

export default function ReviewPage() {
  const id = Number(useParams().submissionId);
  const query = useReviewCase(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError || !query.data) {
    return <LoadFailedResult error={query.error} title="无法打开这个评审案例" backTo="/reviews" backLabel="返回评审任务" />;
  }
  return <ReviewWorkspace key={id} c={query.data} />;
}

function ReviewWorkspace({ c }: { c: ReviewCaseDto }) {
  const navigate = useNavigate();
  const me = useMe();
  const { modal, message } = App.useApp();
  const submit = useSubmitReview(c.submissionId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const editable = c.abilities.edit;

  const options = useMemo<AutosaveOptions<ReviewValues> | null>(
    () =>
      editable
        ? {
            storageKey: `review-draft:${me.id}:${c.submissionId}`,
            values: valuesOf(c),
            revision: 0,
            save: async (changes, revision) => {
              await saveReviewDraft(c.submissionId, changes);
              return revision + 1;
            },
            loadLatest: async () => ({ values: valuesOf(await api<ReviewCaseDto>(`/reviews/cases/${c.submissionId}`)), revision: 0 }),
            isConflict: () => false,
            isLocked: (e) => isApiError(e) && lockedCodes.has(e.code),
            messageOf: errorMessage,
          }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [c.submissionId, editable],
  );
  const autosave = useAutosave(options);
  const snapshot = autosave?.snapshot ?? null;
  const values = snapshot?.values ?? valuesOf(c);
  const total = weightedTotal(c.rubric, values.scores);
  const latest = c.review.history[0];
  const unsubmittedChanges =
    c.review.state === 'submitted' &&
    latest !== undefined &&
    (JSON.stringify(latest.scores) !== JSON.stringify(Object.fromEntries(Object.entries(values.scores).filter(([, v]) => v !== null))) ||
      latest.comment !== values.comment.trim());

  const update = (patch: Partial<ReviewValues>) => {
    setErrors({});
    autosave?.controller.update(patch);
  };
  const setScore = (key: string, v: number | null) => update({ scores: { ...values.scores, [key]: v } });

  const send = async () => {
    if (autosave) await autosave.controller.flush();
    try {
      await submit.mutateAsync(values);
      setErrors({});
      void message.success(c.review.state === 'submitted' ? '评审意见已修改并重新提交' : '评审意见已提交');
    } catch (e) {
      if (isApiError(e) && e.issues.length) setErrors(Object.fromEntries(e.issues.map((i) => [i.path, i.message])));
      modal.error({ title: '还不能提交', content: errorMessage(e) });
    }
  };

  const form = (
    <Card
      size="small"
      title={
        <Flex wrap gap={8} align="center">
          <span>评分</span>
          <ReviewStateTag state={c.review.state === 'not_started' && snapshot?.savedAt ? 'draft' : c.review.state} />
        </Flex>
      }
      extra={snapshot ? <SaveIndicator snapshot={snapshot} lastUpdated={c.review.updatedAt ?? new Date().toISOString()} /> : null}
    >
      {!editable ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={c.abilities.editReason ? messageFor(c.abilities.editReason as ReasonCode) : '不能修改'}
        />
      ) : null}
      {snapshot?.restore ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="发现本机保存的未同步评分"
          action={
            <Flex vertical gap={4}>
              <Button size="small" type="primary" onClick={() => autosave?.controller.acceptRestore()}>
                恢复
              </Button>
              <Button size="small" onClick={() => autosave?.controller.discardRestore()}>
                丢弃
              </Button>
            </Flex>
          }
        />
      ) : null}
      <Form layout="vertical" component="div" disabled={!editable}>
        {c.rubric.criteria.map((k) => (
          <Form.Item
            key={k.key}
            label={`${k.label}(权重 ${k.weight}%,满分 ${k.scale})`}
            extra={k.guidance || undefined}
            htmlFor={`score-${k.key}`}
            validateStatus={errors[`scores.${k.key}`] ? 'error' : undefined}
            help={errors[`scores.${k.key}`]}
          >
            <InputNumber
              id={`score-${k.key}`}
              aria-label={k.label}
              min={0}
              max={k.scale}
              step={1}
              inputMode="decimal"
              style={{ width: 140 }}
              value={values.scores[k.key] ?? null}
              onChange={(v) => setScore(k.key, typeof v === 'number' ? v : null)}
            />
          </Form.Item>
        ))}
        <Typography.Paragraph data-testid="running-total">
          加权总分:<Typography.Text strong>{total ?? '—'}</Typography.Text> / 100
          {total === null ? <Typography.Text type="secondary">(每项打分后计算)</Typography.Text> : null}
        </Typography.Paragraph>
        <Form.Item
          label="总体评价(其他专家提交后可见,申报单位不可见)"
          htmlFor="review-comment"
          validateStatus={errors.comment ? 'error' : undefined}
          help={errors.comment}
        >
          <Input.TextArea
            id="review-comment"
            autoSize={{ minRows: 4, maxRows: 12 }}
            maxLength={4000}
            showCount
            value={values.comment}
            onChange={(e) => update({ comment: e.target.value })}
          />
        </Form.Item>
        <Form.Item label="给牵头人的说明(仅类别牵头人和学院可见,选填)" htmlFor="review-note">
          <Input.TextArea
            id="review-note"
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            value={values.privateNote}
            onChange={(e) => update({ privateNote: e.target.value })}
          />
        </Form.Item>
      </Form>
      {unsubmittedChanges && editable ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="有修改尚未提交:计入排名的仍是上次提交的评分。" />
      ) : null}
      <Flex wrap justify="space-between" align="center" gap={8}>
        <Typography.Text type="secondary">
          {c.closesAt ? `评审截止:${formatDateTime(c.closesAt)},截止前可修改` : '评审截止前可修改'}
        </Typography.Text>
        {editable ? (
          <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} onClick={() => void send()}>
            {c.review.state === 'submitted' ? '提交修改' : '提交评审意见'}
          </Button>
        ) : null}
      </Flex>
      <div style={{ marginTop: 12 }}>
        <VersionHistory rubric={c.rubric} history={c.review.history} title="我的提交记录" />
      </div>
    </Card>
  );

  const others = c.abilities.viewOthers ? (
    <Tabs
      items={[
        { key: 'reviews', label: '其他专家的评审', children: <CaseReviews submissionId={c.submissionId} excludeReviewerId={me.id} /> },
        { key: 'thread', label: '讨论', children: <ReviewThread submissionId={c.submissionId} /> },
      ]}
    />
  ) : (
    <Alert type="info" showIcon title="提交您的评审意见后,可以查看其他专家的评分并参与讨论。" />
  );

  return (
    <>
      <Flex vertical gap={4} style={{ marginBottom: 12 }}>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          style={{ alignSelf: 'flex-start', paddingInline: 0 }}
          onClick={() => void navigate('/reviews')}
        >
          评审任务
        </Button>
        <Flex wrap align="center" gap={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {c.title}
          </Typography.Title>
          {c.blind ? <Tag>盲评</Tag> : null}
        </Flex>
        <Typography.Text type="secondary">
          {c.receiptNo} · {c.track.name}
        </Typography.Text>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <ReviewCaseContent c={c} />
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={12}>
            {form}
            <Card size="small">{others}</Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
