import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, Descriptions, Empty, Flex, Input, List, Spin, Typography } from 'antd';
import type { Rubric } from '../../../../../contracts/review.ts';
import type { CaseReviewDto, ReviewVersionDto } from '../../../../../contracts/reviews.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useCaseReviews, usePostComment, useReviewThread } from '../api/reviews-api.ts';

export function ScoreLines({ rubric, scores }: { rubric: Rubric; scores: Record<string, number | null> }) {
  return (
    <Descriptions
      size="small"
      column={1}
      items={rubric.criteria.map((k) => ({
        key: k.key,
        label: `${k.label}(${k.weight}%)`,
        children: `${scores[k.key] ?? '—'} / ${k.scale}`,
      }))}
    />
  );
}

export function VersionHistory({ rubric, history, title = '修改记录' }: { rubric: Rubric; history: ReviewVersionDto[]; title?: string }) {
  if (!history.length) return null;
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'h',
          label: `${title}(${history.length})`,
          children: (
            <Flex vertical gap={12} data-testid="review-history">
              {history.map((v) => (
                <div key={v.version}>
                  <Typography.Text strong>
                    第 {v.version} 次提交 · {formatDateTime(v.submittedAt)} · 总分 {v.total}
                  </Typography.Text>
                  <ScoreLines rubric={rubric} scores={v.scores} />
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{v.comment}</Typography.Paragraph>
                  {v.privateNote ? <Typography.Text type="secondary">给牵头人的说明:{v.privateNote}</Typography.Text> : null}
                </div>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}

function ReviewCard({ rubric, r }: { rubric: Rubric; r: CaseReviewDto }) {
  return (
    <Card size="small" title={r.reviewerName} extra={<span data-testid="review-total">总分 {r.total}</span>}>
      <Flex vertical gap={8}>
        {r.normalised !== null ? <Typography.Text type="secondary">标准化总分 {r.normalised}</Typography.Text> : null}
        <ScoreLines rubric={rubric} scores={r.scores} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.comment}</Typography.Paragraph>
        {r.privateNote ? <Alert type="info" title={`给牵头人的说明:${r.privateNote}`} /> : null}
        <Typography.Text type="secondary">
          第 {r.version} 次提交 · {formatDateTime(r.submittedAt)}
        </Typography.Text>
        <VersionHistory rubric={rubric} history={r.history} title="此前的版本" />
      </Flex>
    </Card>
  );
}

/** Every submitted review of a case (the server decides what the viewer sees). */
export function CaseReviews({ submissionId, excludeReviewerId }: { submissionId: number; excludeReviewerId?: number }) {
  const { data, isPending, isError, error } = useCaseReviews(submissionId, true);
  if (isPending) return <Spin />;
  if (isError) return <Alert type="warning" showIcon title={errorMessage(error)} />;
  const reviews = data.reviews.filter((r) => r.reviewerId !== excludeReviewerId);
  if (!reviews.length) return <Empty description="还没有其他专家提交评审意见" />;
  return (
    <Flex vertical gap={8} data-testid="case-reviews">
      {reviews.map((r) => (
        <ReviewCard key={r.reviewerId} rubric={data.rubric} r={r} />
      ))}
    </Flex>
  );
}

/** The discussion of a case among its coordinator, the institute and its reviewers. */
export function ReviewThread({ submissionId }: { submissionId: number }) {
  const { data, isPending, isError, error } = useReviewThread(submissionId, true);
  const post = usePostComment(submissionId);
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const send = async () => {
    try {
      await post.mutateAsync(body);
      setBody('');
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  if (isPending) return <Spin />;
  if (isError) return <Alert type="warning" showIcon title={errorMessage(error)} />;
  return (
    <Flex vertical gap={8} data-testid="review-thread">
      {data.length ? (
        <List
          size="small"
          dataSource={data}
          renderItem={(c) => (
            <List.Item>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Typography.Text type="secondary">
                  {c.author.displayName} · {formatDateTime(c.createdAt)}
                </Typography.Text>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">还没有讨论。</Typography.Text>
      )}
      <Input.TextArea
        aria-label="讨论内容"
        placeholder="写下您的看法(评审专家和牵头人可见,申报单位不可见)"
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={2000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <Button type="primary" disabled={!body.trim()} loading={post.isPending} onClick={() => void send()} style={{ alignSelf: 'flex-end' }}>
        发表
      </Button>
    </Flex>
  );
}
