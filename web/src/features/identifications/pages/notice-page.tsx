import { useState } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Result,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  noticeStateLabels,
  objectionOutcomeLabels,
  objectionOutcomes,
  type NoticeEntryDto,
  type NoticeSummaryDto,
  type ObjectionDto,
  type ObjectionOutcome,
} from '../../../../../contracts/identifications.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { formatDate, formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import {
  useArchiveNotice,
  useLodgeObjection,
  useNotice,
  useNotices,
  useObjections,
  useResolveObjection,
} from '../api/identifications-api.ts';

type Row = NoticeEntryDto & { no: number };

/** The public list: 序号 and the six allowed fields, nothing else. */
function EntriesTable({ entries }: { entries: NoticeEntryDto[] }) {
  const isMobile = useIsMobile();
  const rows: Row[] = entries.map((e, i) => ({ ...e, no: i + 1 }));
  const columns: TableColumnsType<Row> = isMobile
    ? [
        { key: 'no', title: '序号', dataIndex: 'no', width: 56 },
        {
          key: 'all',
          title: '学生',
          render: (_, r) => (
            <Flex vertical>
              <Typography.Text strong>{r.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[r.unitName, r.department, r.programme, r.grade ? `${r.grade}年级` : null, r.className].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'no', title: '序号', dataIndex: 'no', width: 64 },
        { key: 'name', title: '姓名', dataIndex: 'name' },
        { key: 'unit', title: '单位', dataIndex: 'unitName' },
        { key: 'department', title: '院系', render: (_, r) => r.department ?? '—' },
        { key: 'programme', title: '专业', render: (_, r) => r.programme ?? '—' },
        { key: 'grade', title: '年级', render: (_, r) => (r.grade ? `${r.grade}年级` : '—') },
        { key: 'class', title: '班级', render: (_, r) => r.className ?? '—' },
      ];
  return (
    <Table
      data-testid="notice-entries"
      size="small"
      rowKey="no"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, size: 'small' } : false}
      scroll={isMobile ? undefined : { x: 'max-content' }}
    />
  );
}

function ObjectionForm({ noticeId, entries }: { noticeId: number; entries: NoticeEntryDto[] }) {
  const [form] = Form.useForm<{ text: string; entryNo?: number }>();
  const lodge = useLodgeObjection(noticeId);
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await lodge.mutateAsync({ text: v.text, entryNo: v.entryNo ?? null });
      form.resetFields();
      void message.success('异议已提交,单位资助管理员将核实处理');
    } catch (error) {
      if (!applyErrorToForm(form, error, { objection_entry_invalid: 'entryNo' })) void message.error(errorMessage(error));
    }
  };
  return (
    <Card size="small" title="提出异议">
      <Form form={form} layout="vertical">
        <Form.Item name="entryNo" label="针对的学生(可不选,表示对整个名单)">
          <Select allowClear options={entries.map((e, i) => ({ value: i + 1, label: `${i + 1}. ${e.name}(${e.className ?? '—'})` }))} />
        </Form.Item>
        <Form.Item name="text" label="异议内容" rules={[{ required: true, min: 5, message: '请写明异议的具体内容(至少 5 个字)' }]}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={1000}
            showCount
            placeholder="请写明事实依据;异议内容仅单位资助管理员可见"
          />
        </Form.Item>
        <Button type="primary" onClick={() => void submit()} loading={lodge.isPending}>
          提交异议
        </Button>
      </Form>
    </Card>
  );
}

function ResolveModal({ noticeId, objection, onClose }: { noticeId: number; objection: ObjectionDto; onClose: () => void }) {
  const [form] = Form.useForm<{ outcome: ObjectionOutcome; note: string }>();
  const resolve = useResolveObjection(noticeId);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await resolve.mutateAsync({ objectionId: objection.id, input: v });
      onClose();
    } catch (error) {
      applyErrorToForm(form, error);
    }
  };
  return (
    <Modal
      open
      title="处理异议"
      okText="提交处理意见"
      onOk={() => void submit()}
      confirmLoading={resolve.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {objection.entry ? `针对 ${objection.entry.no}. ${objection.entry.name}:` : '针对整个名单:'}
        {objection.text}
      </Typography.Paragraph>
      {resolve.error ? <Alert type="error" showIcon title={errorMessage(resolve.error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ outcome: 'dismissed' }}>
        <Form.Item name="outcome" label="处理结果">
          <Radio.Group
            options={objectionOutcomes
              .filter((o) => o !== 'upheld' || objection.entry)
              .map((o) => ({ value: o, label: objectionOutcomeLabels[o] }))}
          />
        </Form.Item>
        <Form.Item name="note" label="处理意见" rules={[{ required: true, min: 2, message: '请填写处理意见(至少 2 个字)' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} placeholder="核实经过和结论" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ManagePanel({ summary }: { summary: NoticeSummaryDto }) {
  const objections = useObjections(summary.id, true);
  const archive = useArchiveNotice();
  const [resolving, setResolving] = useState<ObjectionDto | null>(null);
  const { modal } = App.useApp();
  return (
    <Card
      size="small"
      title="异议处理与归档"
      extra={
        <AbilityButton
          ability={summary.abilities.archive}
          type="primary"
          loading={archive.isPending}
          onClick={() =>
            modal.confirm({
              title: '归档本次公示?',
              content: '归档后名单中的学生认定生效(本学年有效),不能再提出或处理异议。',
              okText: '归档',
              cancelText: '取消',
              onOk: () => archive.mutateAsync(summary.id),
            })
          }
        >
          归档
        </AbilityButton>
      }
    >
      {(objections.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无异议" />
      ) : (
        <List
          dataSource={objections.data}
          renderItem={(o) => (
            <List.Item
              actions={[
                <AbilityButton key="resolve" size="small" ability={o.abilities.resolve} onClick={() => setResolving(o)}>
                  处理
                </AbilityButton>,
              ]}
            >
              <Flex vertical gap={2}>
                <Typography.Text>
                  {o.entry ? <Tag>{`${o.entry.no}. ${o.entry.name}`}</Tag> : <Tag>整个名单</Tag>}
                  {o.text}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {o.lodgedBy?.displayName ?? '—'} · {formatDateTime(o.lodgedAt)}
                </Typography.Text>
                {o.resolution ? (
                  <Typography.Text type={o.resolution.outcome === 'upheld' ? 'danger' : 'success'}>
                    {objectionOutcomeLabels[o.resolution.outcome]}:{o.resolution.note}({o.resolution.by?.displayName ?? '—'})
                  </Typography.Text>
                ) : (
                  <Typography.Text type="warning">待处理</Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {resolving ? <ResolveModal noticeId={summary.id} objection={resolving} onClose={() => setResolving(null)} /> : null}
    </Card>
  );
}

export default function NoticePage() {
  const id = Number(useParams().id);
  const notice = useNotice(id);
  const list = useNotices();
  if (notice.isPending || list.isPending) return <PageLoading />;
  const summary = notice.data ?? list.data?.find((n) => n.id === id) ?? null;
  const manager = summary?.abilities.manage.allowed ?? false;

  if (!summary) {
    return <Result status="warning" title="无法查看该公示" subTitle={errorMessage(notice.error)} />;
  }
  return (
    <>
      <PageHeader
        title={summary.title}
        description={`${summary.unit.name} · 公示期 ${formatDate(summary.startsOn)} 至 ${formatDate(summary.endsOn)}(${summary.workingDays} 个工作日)· ${noticeStateLabels[summary.state]}`}
      />
      <Flex vertical gap={12}>
        {notice.data ? (
          <>
            <Alert
              type="info"
              showIcon
              title="公示名单仅显示姓名、单位、院系、专业、年级、班级。如有异议,请在公示期内实名提出,单位资助管理员将核实处理。"
            />
            <EntriesTable entries={notice.data.entries} />
            {notice.data.abilities.object.allowed ? <ObjectionForm noticeId={id} entries={notice.data.entries} /> : null}
          </>
        ) : (
          <Alert type="warning" showIcon title={errorMessage(notice.error)} />
        )}
        {manager ? <ManagePanel summary={summary} /> : null}
      </Flex>
    </>
  );
}
