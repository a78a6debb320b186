import { useState } from 'react';
import { Alert, Card, Descriptions, Flex, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { mailStatusLabels, mailStatuses, type MailDto, type MailStatus } from '../../../../../contracts/notifications.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useMailLog, type MailFilter } from '../api/notifications-api.ts';

const statusColors: Record<MailStatus, string> = { pending: 'processing', sent: 'success', failed: 'error', stored: 'default' };
const shortStatus: Record<MailStatus, string> = { pending: '待发送', sent: '已发送', failed: '发送失败', stored: '已保存' };

function MailDetail({ mail }: { mail: MailDto }) {
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'status', label: '状态', children: mailStatusLabels[mail.status] },
          { key: 'attempts', label: '已尝试', children: `${mail.attempts} 次` },
          ...(mail.status === 'pending' ? [{ key: 'next', label: '下次尝试', children: formatDateTime(mail.nextAttemptAt) }] : []),
          ...(mail.lastError
            ? [{ key: 'error', label: '最近一次错误', children: <Typography.Text type="danger">{mail.lastError}</Typography.Text> }]
            : []),
        ]}
      />
      <Typography.Text strong>{mail.subject}</Typography.Text>
      <pre className="yz-pre" style={{ marginTop: 8 }}>
        {mail.body}
      </pre>
    </>
  );
}

export default function MailLogPage() {
  const isMobile = useIsMobile();
  const [filter, setFilter] = useState<MailFilter>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useMailLog(filter);
  const change = (patch: Partial<MailFilter>) => setFilter((prev) => ({ ...prev, ...patch, page: patch.page ?? 1 }));

  const statusTag = (mail: MailDto) => (
    <Tag color={statusColors[mail.status]} title={mail.lastError ?? undefined}>
      {shortStatus[mail.status]}
    </Tag>
  );
  // A phone gets one column: the mail as a small card.
  const phoneColumns: TableColumnsType<MailDto> = [
    {
      title: '邮件',
      key: 'mail',
      render: (_, mail) => (
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ wordBreak: 'break-word' }}>
            {mail.subject}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all', fontSize: 12 }}>
            {mail.to}
          </Typography.Text>
          <Flex gap={8} align="center">
            {statusTag(mail)}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(mail.createdAt)}
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
  ];
  const columns: TableColumnsType<MailDto> = [
    {
      title: '生成时间',
      dataIndex: 'createdAt',
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span>,
    },
    { title: '收件人', dataIndex: 'to', render: (to: string) => <span style={{ wordBreak: 'break-all' }}>{to}</span> },
    { title: '主题', dataIndex: 'subject' },
    { title: '状态', dataIndex: 'status', render: (_, mail) => statusTag(mail) },
    { title: '尝试', dataIndex: 'attempts', responsive: ['lg'] },
    {
      title: '发送时间',
      dataIndex: 'sentAt',
      responsive: ['lg'],
      render: (at: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{at ? formatDateTime(at) : t.none}</span>,
    },
  ];

  return (
    <>
      <PageHeader title={t.menu.mails} description="平台发出的全部通知邮件(时间为北京时间),点击行首展开正文" />
      {data?.mode === 'store' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="演示模式:邮件只保存在这里,不会真正发出"
          description="设置 SMTP_URL(发信服务器)后重启,平台即通过邮件发送通知;站内消息不受影响。"
        />
      ) : null}
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <div className="yz-filters" role="search">
          <Select<MailStatus>
            aria-label="按状态筛选"
            placeholder="全部状态"
            allowClear
            value={filter.status}
            onChange={(status) => change({ status })}
            options={mailStatuses.map((value) => ({ value, label: shortStatus[value] }))}
          />
          <Input.Search
            className="yz-filters-wide"
            aria-label="按收件人筛选"
            placeholder="收件人邮箱"
            allowClear
            onSearch={(to) => change({ to: to.trim() || undefined })}
          />
        </div>
        <Table<MailDto>
          rowKey="id"
          size={isMobile ? 'small' : 'middle'}
          columns={isMobile ? phoneColumns : columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          expandable={{ expandedRowRender: (mail) => <MailDetail mail={mail} /> }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: !isMobile,
            showTotal: isMobile ? undefined : t.totalItems,
            simple: isMobile,
            onChange: (page, pageSize) => change({ page, pageSize }),
          }}
          locale={{ emptyText: '没有符合条件的邮件' }}
        />
      </Card>
    </>
  );
}
