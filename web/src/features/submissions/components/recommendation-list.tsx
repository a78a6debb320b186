import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Empty, Flex, Switch, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckCircleTwoTone, SendOutlined } from '@ant-design/icons';
import type { CampaignDto } from '../../../../../contracts/campaigns.ts';
import { messageFor } from '../../../../../contracts/reasons.ts';
import type { QuotaUsageDto, SubmissionListItem, SubmitProblem } from '../../../../../contracts/submissions.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { submissionAction, useRefreshSubmissions, useSubmissionAction, type SubmissionAction } from '../api/submissions-api.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { QuotaBar } from './quota-bar.tsx';
import { StatusTags } from './status-tags.tsx';
import { ProblemList, problemsOf } from './submit-problems.tsx';

type Row = SubmissionListItem;

/**
 * The submit check's verdict in a few words, from the list item's problem count.
 * The unit's own steps shown in the next columns (on the list, signed off) are
 * not counted as content: a draft not yet selected and a missing or outdated
 * sign-off are one problem each in the count.
 */
function readiness(row: Row) {
  if (row.problemCount === null) return null;
  const steps = (row.status === 'draft' && !row.selected ? 1 : 0) + (row.approved ? 0 : 1);
  const content = row.problemCount - steps;
  if (content <= 0) return <Typography.Text type="success">内容完整</Typography.Text>;
  return (
    <Tooltip title="打开申报,查看并处理提交前检查发现的问题">
      <Link to={`/submissions/${row.id}`}>
        <Typography.Text type="warning">{content} 项待完善</Typography.Text>
      </Link>
    </Tooltip>
  );
}

/**
 * The unit aid officer's recommendation list: per track, the quota, which
 * drafts go forward, which are signed off, and the submit buttons — each
 * enabled only when the server's abilities allow it.
 */
export function RecommendationList({
  campaign,
  items,
  quota,
}: {
  campaign: CampaignDto;
  items: SubmissionListItem[];
  quota: QuotaUsageDto[];
}) {
  const { modal } = App.useApp();
  const isMobile = useIsMobile();
  const action = useSubmissionAction();
  const refresh = useRefreshSubmissions();
  const [bulk, setBulk] = useState(false);
  // List items carry their abilities and problem count: no request per case.
  const rows: Row[] = items.filter((i) => i.status !== 'accepted');

  const run = async (row: Row, kind: SubmissionAction) => {
    try {
      const next = await action.mutateAsync({ id: row.id, action: kind });
      if (kind === 'submit') modal.success({ title: '已提交', content: `“${next.title}”受理编号 ${next.receiptNo}` });
    } catch (error) {
      const problems = problemsOf(error);
      modal.error({
        title: `“${row.title || '未命名申报'}”暂不能${kind === 'submit' ? '提交' : '操作'}`,
        width: 560,
        content: problems.length ? <ProblemList problems={problems} title="请先处理以下问题" /> : errorMessage(error),
      });
    }
  };

  const ready = rows.filter(
    (r) => r.selected && r.approved && (r.status === 'draft' || r.status === 'returned') && r.abilities.submit.allowed,
  );

  /** Submits each signed-off case in turn; one report lists what went out and what is still missing. */
  const submitAll = async () => {
    setBulk(true);
    const done: string[] = [];
    const failed: { title: string; problems: SubmitProblem[]; message: string }[] = [];
    for (const row of ready) {
      try {
        const next = await submissionAction(row.id, 'submit');
        refresh(next);
        done.push(`${next.title}(${next.receiptNo})`);
      } catch (error) {
        failed.push({ title: row.title || '未命名申报', problems: problemsOf(error), message: errorMessage(error) });
      }
    }
    refresh();
    setBulk(false);
    modal.info({
      title: `已提交 ${done.length} 项${failed.length ? `,${failed.length} 项未能提交` : ''}`,
      width: 600,
      content: (
        <Flex vertical gap={8}>
          {done.map((d) => (
            <Typography.Text key={d}>
              <CheckCircleTwoTone twoToneColor="#52c41a" /> {d}
            </Typography.Text>
          ))}
          {failed.map((f) =>
            f.problems.length ? (
              <ProblemList key={f.title} problems={f.problems} title={`“${f.title}”`} />
            ) : (
              <Typography.Text key={f.title} type="danger">{`“${f.title}”:${f.message}`}</Typography.Text>
            ),
          )}
        </Flex>
      ),
    });
  };

  const selectCell = (row: Row) => {
    if (row.status !== 'draft') return <Typography.Text type="secondary">—</Typography.Text>;
    const ability = row.abilities.select;
    const control = (
      <Switch
        checked={row.selected}
        disabled={!ability.allowed}
        loading={action.isPending && action.variables?.id === row.id && action.variables.action.endsWith('select')}
        onChange={(on) => void run(row, on ? 'select' : 'unselect')}
        aria-label={`列入推荐:${row.title}`}
      />
    );
    return !ability.allowed && ability.whyNot ? <Tooltip title={messageFor(ability.whyNot)}>{control}</Tooltip> : control;
  };

  const signOffCell = (row: Row) => {
    if (row.status === 'submitted') return <Typography.Text type="secondary">—</Typography.Text>;
    if (row.approved)
      return (
        <Typography.Text type="success">
          {row.approval?.by?.displayName ?? '分管领导'} 签批于 {formatDateTime(row.approval?.at)}
        </Typography.Text>
      );
    if (row.approval && !row.approval.current) return <Typography.Text type="warning">签批后有修改,须重签</Typography.Text>;
    return row.selected || row.status === 'returned' ? (
      <Typography.Text type="warning">待分管领导签批</Typography.Text>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  };

  const actionCell = (row: Row) =>
    row.status === 'submitted' ? (
      <AbilityButton size="small" danger ability={row.abilities.withdraw} onClick={() => void run(row, 'withdraw')}>
        撤回
      </AbilityButton>
    ) : (
      <AbilityButton
        size="small"
        type="primary"
        ability={row.abilities.submit}
        loading={action.isPending && action.variables?.id === row.id && action.variables.action === 'submit'}
        onClick={() => void run(row, 'submit')}
      >
        {row.status === 'returned' ? '重新提交' : '提交'}
      </AbilityButton>
    );

  const title = (row: Row) => (
    <Flex vertical gap={2}>
      <Link to={`/submissions/${row.id}`}>{row.title || '(未命名申报)'}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.subtype ? `${row.subtype.name} · ` : ''}
        {row.createdBy.displayName} 起草
      </Typography.Text>
    </Flex>
  );

  const columns: TableColumnsType<Row> = isMobile
    ? [
        {
          key: 'all',
          title: '申报',
          render: (_, row) => (
            <Flex vertical gap={6}>
              {title(row)}
              <StatusTags item={row} />
              <Flex wrap gap={12} align="center">
                <span>推荐 {selectCell(row)}</span>
                {signOffCell(row)}
                {readiness(row)}
              </Flex>
              <div>{actionCell(row)}</div>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'title', title: '项目名称', render: (_, row) => title(row) },
        { key: 'status', title: '状态', render: (_, row) => <StatusTags item={row} /> },
        { key: 'check', title: '提交前检查', render: (_, row) => readiness(row) },
        { key: 'select', title: '列入推荐', render: (_, row) => selectCell(row) },
        { key: 'signoff', title: '签批', render: (_, row) => signOffCell(row) },
        { key: 'action', title: '提交', render: (_, row) => actionCell(row) },
      ];

  return (
    <Flex vertical gap={16}>
      <Flex wrap justify="space-between" align="center" gap={8}>
        <Typography.Text type="secondary">
          列入推荐并经分管领导签批的申报,由资助管理员提交;每项提交时服务器检查截止时间、名额和内容完整性。
        </Typography.Text>
        <Tooltip title={ready.length ? undefined : '没有已列入推荐、已签批且检查通过的申报'}>
          <Button type="primary" icon={<SendOutlined />} disabled={ready.length === 0} loading={bulk} onClick={() => void submitAll()}>
            提交全部已签批({ready.length})
          </Button>
        </Tooltip>
      </Flex>
      {campaign.tracks.map((track) => {
        const usage = quota.find((q) => q.trackId === track.id);
        const trackRows = rows.filter((r) => r.track.id === track.id);
        return (
          <Card key={track.id} size="small" styles={{ body: { padding: isMobile ? 8 : 16 } }} data-testid={`recommend-${track.code}`}>
            {usage ? <QuotaBar usage={usage} /> : <Typography.Text strong>{track.name}</Typography.Text>}
            {trackRows.length ? (
              <Table
                style={{ marginTop: 12 }}
                size="small"
                rowKey="id"
                columns={columns}
                dataSource={trackRows}
                pagination={false}
                scroll={isMobile ? undefined : { x: 'max-content' }}
                showHeader={!isMobile}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本类别暂无草稿" />
            )}
          </Card>
        );
      })}
    </Flex>
  );
}
