import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Empty, Flex, Popconfirm, Result, Select, Tabs, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, FileWordOutlined, RollbackOutlined } from '@ant-design/icons';
import type { FormCheckCase } from '../../../../../contracts/form-check.ts';
import { NotFoundResult } from '../../../components/not-found-result.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { caseDocumentPath, downloadExport, useDecision, useFormCheckCase, useVersionDiff } from '../api/form-check-api.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { CaseContentView } from '../components/case-content.tsx';
import { DiffView } from '../components/diff-view.tsx';
import { ReturnModal } from '../components/return-modal.tsx';
import { FormCheckStatusTag } from '../components/status-tag.tsx';

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
};

function VersionsTab({ item }: { item: FormCheckCase }) {
  const last = item.versions.at(-1)?.versionNo ?? null;
  const [a, setA] = useState<number | null>(item.versions.length > 1 ? item.versions.at(-2)!.versionNo : null);
  const [b, setB] = useState<number | null>(last);
  const diff = useVersionDiff(item.id, a, b);
  if (item.versions.length < 2) {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="只有一个提交版本;申报单位按退回意见修改并重新提交后,可在此对比各版本。" />
    );
  }
  const options = item.versions.map((v) => ({ value: v.versionNo, label: `第 ${v.versionNo} 版(${formatDateTime(v.createdAt)})` }));
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center">
        <Select aria-label="对比的旧版本" value={a} onChange={setA} options={options} style={{ minWidth: 220 }} />
        <span>→</span>
        <Select aria-label="对比的新版本" value={b} onChange={setB} options={options} style={{ minWidth: 220 }} />
      </Flex>
      {a === b ? (
        <Typography.Text type="secondary">请选择两个不同的版本。</Typography.Text>
      ) : diff.isPending ? (
        <PageLoading />
      ) : diff.data ? (
        <DiffView diff={diff.data} />
      ) : null}
    </Flex>
  );
}

/** One case in the form check: what was submitted, its versions and history, accept or return with reasons. */
export default function FormCheckCasePage() {
  const id = Number(useParams().id);
  const query = useFormCheckCase(id);
  const { accept, returnCase } = useDecision(id);
  const [returning, setReturning] = useState(false);
  const [downloading, setDownloading] = useState(false);

  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    const e = query.error;
    if (isApiError(e) && e.status === 404) return <NotFoundResult />;
    // The server's reason says what to do (e.g. a case of one's own unit goes to the institute admin).
    if (isApiError(e) && e.status === 403)
      return <Result status="403" title="无权审查该申报" subTitle={e.message} extra={<Link to="/form-check">返回形式审查</Link>} />;
    return <Alert type="error" showIcon title={errorMessage(e)} />;
  }
  const item = query.data;

  async function download() {
    setDownloading(true);
    try {
      await downloadExport(caseDocumentPath(item.id), `${item.receiptNo ?? '申报'}.docx`);
    } catch (error) {
      notifyError(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <>
      <Link to="/form-check">
        <ArrowLeftOutlined /> 返回形式审查
      </Link>
      <PageHeader
        title={item.content?.title || '(未命名申报)'}
        description={
          <Flex wrap gap={8} align="center" component="span">
            <span>{item.receiptNo}</span>
            <FormCheckStatusTag status={item.status} />
            <span>
              {item.unit.name} · 提交于 {formatDateTime(item.submittedAt)}
              {item.versionNo ? ` · 第 ${item.versionNo} 版` : ''}
            </span>
          </Flex>
        }
        extra={
          <>
            <Button icon={<FileWordOutlined />} loading={downloading} onClick={() => void download()}>
              下载 Word
            </Button>
            <AbilityButton danger icon={<RollbackOutlined />} ability={item.abilities.return} onClick={() => setReturning(true)}>
              退回修改
            </AbilityButton>
            {item.abilities.accept.allowed ? (
              <Popconfirm
                title="确认通过形式审查?"
                description="通过后申报单位会收到通知,本申报进入评审环节,不能再退回。"
                okText="通过"
                cancelText="取消"
                onConfirm={() =>
                  accept
                    .mutateAsync()
                    .then(() => notifySuccess('已通过形式审查'))
                    .catch(() => undefined)
                }
              >
                <AbilityButton type="primary" icon={<CheckOutlined />} ability={item.abilities.accept} loading={accept.isPending}>
                  通过
                </AbilityButton>
              </Popconfirm>
            ) : (
              <AbilityButton type="primary" icon={<CheckOutlined />} ability={item.abilities.accept}>
                通过
              </AbilityButton>
            )}
          </>
        }
      />
      {item.handler === 'institute_admin' ? (
        <Alert style={{ marginBottom: 12 }} type="info" showIcon title="该申报来自类别牵头人本单位,按回避原则由学院管理员进行形式审查。" />
      ) : null}
      {item.status === 'returned' ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="warning"
          showIcon
          title={`已于 ${formatDateTime(item.returnedAt)} 退回修改,等待申报单位在 ${formatDateTime(item.revisionClosesAt)} 前重新提交`}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>退回原因:{item.returnReasons}</span>}
        />
      ) : null}
      {item.status === 'resubmitted' && item.returnReasons ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          title="申报单位已按退回意见修改后重新提交,可在“版本对比”中查看改动。"
          description={<span style={{ whiteSpace: 'pre-wrap' }}>上次退回原因:{item.returnReasons}</span>}
        />
      ) : null}
      {item.status === 'accepted' ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="success"
          showIcon
          title={`已于 ${formatDateTime(item.acceptedAt)} 通过形式审查${item.acceptedBy ? `(${item.acceptedBy.displayName})` : ''}`}
        />
      ) : null}
      <Card>
        <Tabs
          items={[
            {
              key: 'content',
              label: '申报内容',
              children: item.content ? <CaseContentView item={item} content={item.content} /> : <Empty description="没有提交版本" />,
            },
            { key: 'versions', label: `版本对比(${item.versions.length})`, children: <VersionsTab item={item} /> },
            {
              key: 'events',
              label: '处理记录',
              children: (
                <Timeline
                  items={item.events.map((e) => ({
                    content: (
                      <Flex vertical>
                        <span>
                          {formatDateTime(e.at)} {eventLabels[e.action] ?? e.action}
                          {e.actor ? ` · ${e.actor.displayName}` : ''}
                        </span>
                        {e.note ? (
                          <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                            {e.note}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      </Card>
      <ReturnModal
        open={returning}
        revisionClosesAt={item.revisionClosesAt}
        pending={returnCase.isPending}
        onCancel={() => setReturning(false)}
        onSubmit={(reasons) =>
          void returnCase.mutateAsync(reasons).then(
            () => {
              setReturning(false);
              notifySuccess('已退回申报单位修改');
            },
            () => undefined,
          )
        }
      />
    </>
  );
}
