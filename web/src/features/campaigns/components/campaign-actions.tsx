import { useState } from 'react';
import { Button, Flex, Modal, Popconfirm, Tooltip, Typography } from 'antd';
import { campaignTransitions, type CampaignDto, type CampaignTransition, type OpeningProblem } from '../../../../../contracts/campaigns.ts';
import { messageFor } from '../../../../../contracts/reasons.ts';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useTransitionCampaign } from '../api/campaigns-api.ts';

const confirmText: Record<CampaignTransition, string> = {
  open: '开始申报后,各单位即可在开放时间内提交申报,类别不能再增删。确定开始?',
  review: '进入评审后,申报阶段结束。确定进入评审?',
  close: '结束后活动设置将归档,不能再修改。确定结束活动?',
};

/** The server's list of what is missing, shown where the admin can read it through. */
export function showProblems(title: string, problems: { message: string }[]) {
  Modal.error({
    title,
    width: 560,
    content: (
      <ul style={{ paddingInlineStart: 20, margin: 0 }}>
        {problems.map((p, i) => (
          <li key={i}>{p.message}</li>
        ))}
      </ul>
    ),
  });
}

/** The one next step of a campaign's status, with confirmation; refusals show the server's reasons. */
export function TransitionButton({ campaign, block }: { campaign: CampaignDto; block?: boolean }) {
  const transition = (Object.keys(campaignTransitions) as CampaignTransition[]).find(
    (k) => campaignTransitions[k].from === campaign.status,
  );
  const mutation = useTransitionCampaign();
  const [open, setOpen] = useState(false);
  if (!transition) return null;
  const { label } = campaignTransitions[transition];
  const allowed = campaign.abilities[transition];
  const reason = campaign.reasons[transition];

  const run = () =>
    mutation.mutateAsync({ id: campaign.id, transition }).then(
      () => {
        notifySuccess(`${campaign.title}:已${label}`);
        setOpen(false);
      },
      (error: unknown) => {
        setOpen(false);
        const problems = isApiError(error) ? (error.details.problems as OpeningProblem[] | undefined) : undefined;
        if (problems?.length) showProblems(errorMessage(error), problems);
        else Modal.error({ title: `不能${label}`, content: errorMessage(error) });
      },
    );

  // Opening is offered even when not ready: pressing it lists what is missing.
  const button = (
    <Button type="primary" block={block} disabled={!allowed && transition !== 'open'} loading={mutation.isPending}>
      {label}
    </Button>
  );
  if (!allowed && transition === 'open' && campaign.openingProblems.length > 0) {
    return (
      <Button type="primary" block={block} onClick={() => showProblems(messageFor('campaign_not_ready'), campaign.openingProblems)}>
        {label}
      </Button>
    );
  }
  if (!allowed && transition !== 'open') {
    return <Tooltip title={reason ? messageFor(reason) : undefined}>{button}</Tooltip>;
  }
  return (
    <Popconfirm
      open={open}
      onOpenChange={setOpen}
      title={label}
      description={<Typography.Text style={{ maxWidth: 280, display: 'block' }}>{confirmText[transition]}</Typography.Text>}
      okText={label}
      cancelText="取消"
      onConfirm={run}
      okButtonProps={{ loading: mutation.isPending }}
    >
      {button}
    </Popconfirm>
  );
}

export function ProblemsSummary({ problems }: { problems: OpeningProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="warning">开始申报前还需补齐:</Typography.Text>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {problems.map((p, i) => (
          <li key={i}>
            <Typography.Text type="secondary">{p.message}</Typography.Text>
          </li>
        ))}
      </ul>
    </Flex>
  );
}
