import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Empty, Flex, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  campaignNoticeStateLabels,
  type CampaignNoticeDto,
  type CampaignObjectionDto,
  type CampaignNoticeState,
} from '../../../../../contracts/decisions.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { formatDateTime, inShanghai } from '../../../lib/time.ts';
import { useCampaignNotices, useObjections, usePublishNotice, useRespondObjection, useTakeDown } from '../api/decisions-api.ts';

const stateColors: Record<CampaignNoticeState, string> = { scheduled: 'blue', running: 'green', ended: 'default', taken_down: 'default' };

type PublishForm = { title: string; body: string; startsOn: Dayjs; endsOn: Dayjs; includeExcellent: boolean };

function PublishModal({ campaignId, campaignTitle, onClose }: { campaignId: number; campaignTitle: string; onClose: () => void }) {
  const [form] = Form.useForm<PublishForm>();
  const { message } = App.useApp();
  const publish = usePublishNotice(campaignId);
  const today = inShanghai(new Date()).startOf('day');
  return (
    <Modal open title="发布评审结果公示" okText="发布" confirmLoading={publish.isPending} onCancel={onClose} onOk={() => form.submit()}>
      <Form<PublishForm>
        form={form}
        layout="vertical"
        initialValues={{
          title: `${campaignTitle}省级推荐名单公示`,
          body: '经单位推荐、形式审查和专家评审,拟推荐以下案例参加省级遴选,现予以公示。公示期内如有异议,请通过本页面提出,并留下联系方式以便答复。',
          startsOn: today,
          endsOn: today.add(6, 'day'),
          includeExcellent: false,
        }}
        onFinish={(v) =>
          publish.mutate(
            {
              title: v.title,
              body: v.body ?? '',
              startsOn: v.startsOn.format('YYYY-MM-DD'),
              endsOn: v.endsOn.format('YYYY-MM-DD'),
              includeExcellent: v.includeExcellent,
            },
            {
              onSuccess: () => {
                void message.success('公示已发布');
                onClose();
              },
              onError: (e) => applyErrorToForm(form, e),
            },
          )
        }
      >
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写公示标题' }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="body" label="说明">
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endsOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="includeExcellent" valuePropName="checked">
          <Checkbox>同时公示“学院优秀”案例</Checkbox>
        </Form.Item>
        <Typography.Text type="secondary">
          名单取自已发布的评审结果,只含项目类别、项目名称、申报单位,以及涉及学生的姓名、单位、院系/专业、年级、班级;发布后为快照,不随后续修改变化。
        </Typography.Text>
      </Form>
    </Modal>
  );
}

function ObjectionItem({ o, noticeId, campaignId }: { o: CampaignObjectionDto; noticeId: number; campaignId: number }) {
  const { message } = App.useApp();
  const respond = useRespondObjection(noticeId, campaignId);
  const [text, setText] = useState('');
  return (
    <List.Item>
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(o.createdAt)} · {o.authorName ?? '匿名'} · 联系方式:{o.contact ?? '—'}
          {o.entry ? ` · 针对第 ${o.entry.no} 项《${o.entry.title}》(${o.entry.unitName})` : ''}
        </Typography.Text>
        <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>{o.body}</Typography.Paragraph>
        {o.response ? (
          <Typography.Text>
            <Tag color="green">已答复</Tag>
            {o.response.text}({o.response.by ?? ''} {formatDateTime(o.response.at)})
          </Typography.Text>
        ) : o.abilities.respond.allowed ? (
          <Flex gap={8} wrap>
            <Input.TextArea
              rows={2}
              style={{ flex: '1 1 240px' }}
              placeholder="处理意见"
              aria-label="处理意见"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <Button
              type="primary"
              loading={respond.isPending}
              disabled={text.trim().length < 2}
              onClick={() => respond.mutate({ objectionId: o.id, response: text }, { onError: (e) => void message.error(errorMessage(e)) })}
            >
              记录答复
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </List.Item>
  );
}

function Objections({ notice }: { notice: CampaignNoticeDto }) {
  const objections = useObjections(notice.id);
  return (
    <List<CampaignObjectionDto>
      size="small"
      loading={objections.isPending}
      dataSource={objections.data ?? []}
      locale={{ emptyText: '暂无异议' }}
      renderItem={(o) => <ObjectionItem o={o} noticeId={notice.id} campaignId={notice.campaignId} />}
    />
  );
}

function NoticeCard({ notice }: { notice: CampaignNoticeDto }) {
  const { message, modal } = App.useApp();
  const takeDown = useTakeDown(notice.campaignId);
  const [showObjections, setShowObjections] = useState(notice.openObjections > 0);
  const publicPath = `/gongshi/${notice.id}`;
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{notice.title}</span>
          <Tag color={stateColors[notice.state]}>{campaignNoticeStateLabels[notice.state]}</Tag>
        </Space>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text>
          公示期 {notice.startsOn} 至 {notice.endsOn} · 共 {notice.entries.length} 项 · 发布于 {formatDateTime(notice.publishedAt)}
        </Typography.Text>
        <Space wrap>
          <Typography.Link href={publicPath} target="_blank">
            公开页面
          </Typography.Link>
          <Typography.Text copyable={{ text: `${window.location.origin}${publicPath}` }} type="secondary">
            复制链接
          </Typography.Text>
          <Button size="small" onClick={() => setShowObjections((v) => !v)}>
            异议 {notice.objectionCount}
            {notice.openObjections ? `(待答复 ${notice.openObjections})` : ''}
          </Button>
          <AbilityButton
            size="small"
            danger
            ability={notice.abilities.takeDown}
            onClick={() =>
              void modal.confirm({
                title: '提前撤下公示',
                content: '撤下后公开页面不再显示名单,也不能再提出异议。',
                okText: '撤下',
                okButtonProps: { danger: true },
                cancelText: '取消',
                onOk: () => takeDown.mutateAsync(notice.id).catch((e: unknown) => void message.error(errorMessage(e))),
              })
            }
          >
            撤下
          </AbilityButton>
        </Space>
        {showObjections ? <Objections notice={notice} /> : null}
      </Flex>
    </Card>
  );
}

/** 公示 management: publish from the released decisions, take down, answer objections. */
export function NoticesPanel({ campaignId, campaignTitle }: { campaignId: number; campaignTitle: string }) {
  const notices = useCampaignNotices(campaignId);
  const [publishing, setPublishing] = useState(false);
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8} align="center">
        <Typography.Text type="secondary">公示名单取自各类别已发布的“推荐省级”结果,期满自动下线。</Typography.Text>
        <Button type="primary" onClick={() => setPublishing(true)}>
          发布公示
        </Button>
      </Flex>
      {notices.data?.length === 0 ? <Empty description="还没有发布公示" /> : null}
      {notices.data?.map((n) => (
        <NoticeCard key={n.id} notice={n} />
      ))}
      {publishing ? <PublishModal campaignId={campaignId} campaignTitle={campaignTitle} onClose={() => setPublishing(false)} /> : null}
    </Flex>
  );
}
