import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Flex, Result, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { RosterImportDto, RosterRowError } from '../../../../../contracts/roster.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError } from '../../../lib/notify.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { downloadErrorReport, useImportErrors } from '../api/students-api.ts';

const titles: Record<string, string> = {
  finished: '导入完成',
  cancelled: '导入已取消',
  failed: '导入未完成',
  expired: '上传的文件已过期',
};

/** Step 4: what happened, and every row that was not imported, with the report to fix them in Excel. */
export function ImportResult({ job, onAgain }: { job: RosterImportDto; onAgain: () => void }) {
  const isMobile = useIsMobile();
  const [page, setPage] = useState(1);
  const errors = useImportErrors(job.id, page, job.failed > 0);
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    setDownloading(true);
    try {
      await downloadErrorReport(job.id);
    } catch (e) {
      notifyError(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Result
        status={job.status === 'finished' ? (job.failed ? 'warning' : 'success') : job.status === 'failed' ? 'error' : 'info'}
        title={titles[job.status] ?? job.status}
        subTitle={`${job.fileName} · ${formatDateTime(job.finishedAt ?? job.createdAt)}`}
        style={{ padding: '8px 0' }}
      />
      {job.failure ? <Alert type="error" showIcon title={job.failure.message} /> : null}
      <Flex gap={24} wrap justify="center">
        <Statistic title="新增" value={job.inserted} />
        <Statistic title="更新" value={job.updated} />
        <Statistic title="无变化" value={job.unchanged} />
        <Statistic title="未导入的行" value={job.failed} styles={{ content: job.failed ? { color: '#cf1322' } : undefined }} />
      </Flex>
      {job.failed ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={`${job.failed} 行有错误,未导入`}
            description={`其余各行已导入。请下载错误报告,在原文件中改正这些行后重新导入(按学号更新,不会重复)。${job.errorsTruncated ? '错误过多,报告只列出前 50 000 条。' : ''}`}
          />
          <Flex gap={8} wrap>
            <Button type="primary" icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()}>
              下载错误报告
            </Button>
          </Flex>
          <Table<RosterRowError>
            size="small"
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            loading={errors.isFetching}
            dataSource={errors.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize: 10,
              total: errors.data?.total ?? 0,
              onChange: setPage,
              simple: isMobile,
              showSizeChanger: false,
            }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 64 },
              { title: '学号', dataIndex: 'studentNo', render: (v: string | null) => v ?? '' },
              { title: '姓名', dataIndex: 'name', render: (v: string | null) => v ?? '' },
              { title: '列', dataIndex: 'column' },
              {
                title: '问题',
                dataIndex: 'message',
                render: (m: string) => <Typography.Text style={{ maxWidth: 420, display: 'inline-block' }}>{m}</Typography.Text>,
              },
            ]}
          />
        </>
      ) : null}
      <Flex gap={8} wrap justify="end">
        <Button onClick={onAgain}>导入另一个文件</Button>
        <Link to="/students">
          <Button type="primary">查看学生名册</Button>
        </Link>
      </Flex>
    </Flex>
  );
}
