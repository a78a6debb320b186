import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Flex, Form, Input, Layout, Result, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { decisionOutcomeLabels, type CampaignNoticeEntryDto, type ObjectionInput } from '../../../../../contracts/decisions.ts';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { publicNoticeDocxUrl, useLodgeObjection, usePublicNotice } from '../api/decisions-api.ts';

function studentsText(e: CampaignNoticeEntryDto): string {
  return e.students
    .map((s) => [s.name, s.unitName, s.department, s.grade ? `${s.grade}年级` : null, s.className].filter(Boolean).join(','))
    .join(';');
}

function ObjectionForm({ noticeId, entries }: { noticeId: number; entries: CampaignNoticeEntryDto[] }) {
  const [form] = Form.useForm<ObjectionInput>();
  const lodge = useLodgeObjection(noticeId);
  const [done, setDone] = useState(false);
  if (done) return <Alert type="success" showIcon message="异议已提交,学院将核查并通过您留下的联系方式答复。" />;
  return (
    <Form<ObjectionInput>
      form={form}
      layout="vertical"
      onFinish={(v) => lodge.mutate(v, { onSuccess: () => setDone(true), onError: (e) => applyErrorToForm(form, e) })}
    >
      <Form.Item name="entryNo" label="针对的案例(可不选)">
        <Select allowClear placeholder="选择名单中的一项" options={entries.map((e) => ({ value: e.no, label: `${e.no}. ${e.title}` }))} />
      </Form.Item>
      <Form.Item name="body" label="异议内容" rules={[{ required: true, message: '请写明异议内容' }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="authorName" label="姓名(可不填)" style={{ flex: '1 1 160px' }}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="contact"
          label="联系方式"
          rules={[{ required: true, message: '请留下电话或电子邮箱' }]}
          style={{ flex: '1 1 200px' }}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Flex>
      <Button type="primary" htmlType="submit" loading={lodge.isPending}>
        提交异议
      </Button>
    </Form>
  );
}

/** 公示 for everyone, no login: the snapshot's public fields only; gone after the end date. */
export default function PublicNoticePage() {
  const id = Number(useParams().id);
  const notice = usePublicNotice(id);
  const isMobile = useIsMobile();

  const columns: TableColumnsType<CampaignNoticeEntryDto> = isMobile
    ? [
        { key: 'no', title: '序号', dataIndex: 'no', width: 48 },
        {
          key: 'all',
          title: '案例',
          render: (_, e) => (
            <Flex vertical gap={2}>
              <Typography.Text strong>{e.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.unitName} · {e.trackName}
              </Typography.Text>
              {e.students.length ? <Typography.Text style={{ fontSize: 12 }}>{studentsText(e)}</Typography.Text> : null}
              <span>
                <Tag>{decisionOutcomeLabels[e.outcome]}</Tag>
              </span>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'no', title: '序号', dataIndex: 'no', width: 64 },
        { key: 'track', title: '项目类别', dataIndex: 'trackName' },
        { key: 'title', title: '项目名称', dataIndex: 'title' },
        { key: 'unit', title: '申报单位', dataIndex: 'unitName' },
        { key: 'students', title: '涉及学生', render: (_, e) => studentsText(e) || '—' },
        { key: 'outcome', title: '结果', render: (_, e) => decisionOutcomeLabels[e.outcome] },
      ];

  let content;
  if (notice.isPending) content = <PageLoading />;
  else if (notice.isError) {
    const ended = isApiError(notice.error) && notice.error.code === 'campaign_notice_ended';
    content = (
      <Result status={ended ? 'info' : '404'} title={ended ? '公示已结束' : '公示不存在或尚未开始'} subTitle={errorMessage(notice.error)} />
    );
  } else {
    const n = notice.data;
    content = (
      <Flex vertical gap={16}>
        <Typography.Title level={3} style={{ textAlign: 'center', margin: 0 }}>
          {n.title}
        </Typography.Title>
        {n.body ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Paragraph> : null}
        <Typography.Text>
          公示期:{n.startsOn} 至 {n.endsOn}
        </Typography.Text>
        <Table<CampaignNoticeEntryDto> rowKey="no" size="small" columns={columns} dataSource={n.entries} pagination={false} />
        <div>
          <Button href={publicNoticeDocxUrl(n.id)}>下载公示(Word)</Button>
        </div>
        <Card size="small" title="提出异议">
          <ObjectionForm noticeId={n.id} entries={n.entries} />
        </Card>
        <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
          江苏联合职业技术学院 学生管理处
        </Typography.Text>
      </Flex>
    );
  }
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Content style={{ maxWidth: 960, width: '100%', margin: '0 auto', padding: isMobile ? 12 : 24 }}>
        <Card>{content}</Card>
      </Layout.Content>
    </Layout>
  );
}
