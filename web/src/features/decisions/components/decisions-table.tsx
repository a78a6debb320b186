import { useState } from 'react';
import { Alert, App, Button, Flex, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import {
  decisionOutcomeLabels,
  decisionOutcomes,
  type DecisionOutcome,
  type DecisionRowDto,
  type TrackDecisionsDto,
} from '../../../../../contracts/decisions.ts';
import { messageFor } from '../../../../../contracts/reasons.ts';
import { rankingFlagLabels } from '../../../../../contracts/review-ranking.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useClearDecision, useDecide, useRelease, useWithdrawRelease } from '../api/decisions-api.ts';

export const outcomeColors: Record<DecisionOutcome, string> = { provincial: 'red', excellent: 'gold', not_selected: 'default' };

function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}

function NoteModal({ row, onClose, trackId }: { row: DecisionRowDto; onClose: () => void; trackId: number }) {
  const { message } = App.useApp();
  const decide = useDecide(trackId);
  const [note, setNote] = useState(row.decision?.note ?? '');
  return (
    <Modal
      open
      title={`备注:${row.title}`}
      okText="保存"
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={() =>
        decide.mutate(
          { submissionId: row.submissionId, outcome: row.decision!.outcome, note: note.trim() || null },
          { onSuccess: onClose, onError: (e) => void message.error(errorMessage(e)) },
        )
      }
    >
      <Typography.Paragraph type="secondary">备注随结果一起发布,申报单位可以看到(例如推荐理由或改进建议)。</Typography.Paragraph>
      <Input.TextArea rows={4} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} aria-label="备注" />
    </Modal>
  );
}

/** The track's accepted cases with an outcome selector per row, the quota and the release. */
export function DecisionsTable({ view }: { view: TrackDecisionsDto }) {
  const isMobile = useIsMobile();
  const { message, modal } = App.useApp();
  const trackId = view.track.id;
  const decide = useDecide(trackId);
  const clear = useClearDecision(trackId);
  const release = useRelease(trackId);
  const withdraw = useWithdrawRelease(trackId);
  const [noteRow, setNoteRow] = useState<DecisionRowDto | null>(null);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [reason, setReason] = useState('');

  const choose = (row: DecisionRowDto, outcome: DecisionOutcome | undefined) => {
    if (!outcome) {
      clear.mutate(row.submissionId, { onError: (e) => void message.error(errorMessage(e)) });
      return;
    }
    decide.mutate(
      { submissionId: row.submissionId, outcome, note: row.decision?.note ?? null },
      { onError: (e) => void message.error(errorMessage(e), 6) },
    );
  };

  const outcomeCell = (row: DecisionRowDto) => {
    if (row.decision?.releasedAt) {
      return (
        <Tooltip title={`已于 ${formatDateTime(row.decision.releasedAt)} 发布`}>
          <Tag color={outcomeColors[row.decision.outcome]}>{decisionOutcomeLabels[row.decision.outcome]} · 已发布</Tag>
        </Tooltip>
      );
    }
    const select = (
      <Select<DecisionOutcome>
        aria-label={`评审结果:${row.title}`}
        placeholder="选择结果"
        allowClear
        style={{ width: 128 }}
        value={row.decision?.outcome}
        disabled={!row.abilities.decide.allowed || decide.isPending}
        onChange={(v) => choose(row, v)}
        options={decisionOutcomes.map((o) => ({
          value: o,
          label: decisionOutcomeLabels[o],
          disabled: o === 'provincial' && view.quota.left === 0 && row.decision?.outcome !== 'provincial',
        }))}
      />
    );
    return (
      <Space size={4} wrap>
        {select}
        {row.decision ? (
          <Button size="small" type="link" onClick={() => setNoteRow(row)}>
            {row.decision.note ? '改备注' : '备注'}
          </Button>
        ) : null}
      </Space>
    );
  };

  const rankCell = (r: DecisionRowDto) =>
    r.ranking ? (
      <Flex vertical gap={2}>
        <span>{r.ranking.rank ? `第 ${r.ranking.rank} 名` : '未评'}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          标准化 {score(r.ranking.normalised)} · 均分 {score(r.ranking.mean)} · {r.ranking.reviewCount}/{r.ranking.expectedReviews} 评
        </Typography.Text>
        {r.ranking.flags.length ? (
          <span>
            {r.ranking.flags.map((f) => (
              <Tag key={f} color="orange">
                {rankingFlagLabels[f]}
              </Tag>
            ))}
          </span>
        ) : null}
      </Flex>
    ) : (
      '—'
    );

  const caseCell = (r: DecisionRowDto) => (
    <Flex vertical gap={2}>
      <Typography.Text strong>{r.title}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.receiptNo} · {r.unit.name}
        {r.subtypeName ? ` · ${r.subtypeName}` : ''}
      </Typography.Text>
      {r.decision?.note ? <Typography.Text style={{ fontSize: 12 }}>备注:{r.decision.note}</Typography.Text> : null}
    </Flex>
  );

  const columns: TableColumnsType<DecisionRowDto> = isMobile
    ? [
        {
          key: 'case',
          title: '案例',
          render: (_, r) => (
            <Flex vertical gap={6}>
              {caseCell(r)}
              {r.ranking ? rankCell(r) : null}
              {outcomeCell(r)}
            </Flex>
          ),
        },
      ]
    : [
        { key: 'rank', title: '排名与评分', width: 220, render: (_, r) => rankCell(r) },
        { key: 'case', title: '案例', render: (_, r) => caseCell(r) },
        { key: 'outcome', title: '评审结果', width: 240, render: (_, r) => outcomeCell(r) },
      ];

  const confirmRelease = () =>
    void modal.confirm({
      title: '发布评审结果',
      content: `将发布本类别 ${view.counts.staged} 项暂存结果,并以站内信和邮件通知各申报单位。发布后结果不能直接修改。${
        view.counts.undecided ? `另有 ${view.counts.undecided} 项尚未选择结果,本次不发布。` : ''
      }`,
      okText: '确认发布',
      cancelText: '取消',
      onOk: () =>
        release.mutateAsync().then(
          (r) => void message.success(`已发布 ${r.released} 项结果,已通知 ${r.unitsNotified} 个单位`),
          (e: unknown) => void message.error(errorMessage(e)),
        ),
    });

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <Space wrap>
          <Tag color={view.quota.left === 0 ? 'red' : 'blue'} style={{ fontSize: 14, padding: '2px 8px' }} data-testid="quota">
            推荐省级 {view.quota.used}/{view.quota.limit}
          </Tag>
          <Typography.Text type="secondary">
            已受理 {view.counts.accepted} · 暂存 {view.counts.staged} · 已发布 {view.counts.released} · 未定 {view.counts.undecided}
          </Typography.Text>
        </Space>
        <Space wrap>
          {view.counts.released > 0 ? (
            <Button onClick={() => setWithdrawOpen(true)} danger>
              撤回发布
            </Button>
          ) : null}
          <AbilityButton type="primary" ability={view.abilities.release} loading={release.isPending} onClick={confirmRelease}>
            发布结果
          </AbilityButton>
        </Space>
      </Flex>
      {!view.ranked ? (
        <Alert type="info" showIcon message="本类别尚无评审排名,案例按受理编号排列;专家提交评分后将按排名排列并显示分数。" />
      ) : null}
      {view.quota.left === 0 ? <Alert type="warning" showIcon message={messageFor('upward_quota_full')} /> : null}
      <Table<DecisionRowDto>
        rowKey="submissionId"
        size={isMobile ? 'small' : 'middle'}
        columns={columns}
        dataSource={view.rows}
        pagination={false}
        locale={{ emptyText: '本类别还没有通过形式审查的案例' }}
      />
      {noteRow ? <NoteModal row={noteRow} trackId={trackId} onClose={() => setNoteRow(null)} /> : null}
      <Modal
        open={withdrawOpen}
        title="撤回发布"
        okText="撤回"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        confirmLoading={withdraw.isPending}
        onCancel={() => setWithdrawOpen(false)}
        onOk={() =>
          withdraw.mutate(reason, {
            onSuccess: (r) => {
              void message.success(`已撤回,${r.staged} 项结果恢复为暂存`);
              setWithdrawOpen(false);
              setReason('');
            },
            onError: (e) => void message.error(errorMessage(e)),
          })
        }
      >
        <Typography.Paragraph>
          撤回后本类别已发布的结果恢复为暂存,申报单位将看不到结果,直到再次发布。撤回操作和原因记入审计日志。
        </Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} placeholder="撤回原因(必填)" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Flex>
  );
}
