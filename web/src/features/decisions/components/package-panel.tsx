import { useRef, useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, Progress, Typography } from 'antd';
import { messageFor } from '../../../../../contracts/reasons.ts';
import type { TrackDecisionsDto } from '../../../../../contracts/decisions.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { saveBlob } from '../../../lib/download.ts';
import { downloadPackage, usePackageSummary } from '../api/decisions-api.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * 下载上报材料: the summary first (files and size), then the zip read as a
 * stream with a progress bar, then saved. See docs/decisions/015.
 */
export function PackagePanel({ view }: { view: TrackDecisionsDto }) {
  const { message } = App.useApp();
  const allowed = view.abilities.downloadPackage.allowed;
  const summary = usePackageSummary(view.track.id, allowed);
  const [progress, setProgress] = useState<{ received: number; total: number | null } | null>(null);
  const abort = useRef<AbortController | null>(null);

  if (!allowed) {
    return <Alert type="info" showIcon message={messageFor(view.abilities.downloadPackage.whyNot ?? 'package_nothing')} />;
  }

  const start = async () => {
    if (!summary.data) return;
    abort.current = new AbortController();
    setProgress({ received: 0, total: null });
    try {
      const blob = await downloadPackage(view.track.id, (received, total) => setProgress({ received, total }), abort.current.signal);
      saveBlob(blob, summary.data.fileName);
      void message.success('上报材料已下载');
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) void message.error(errorMessage(e));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  const total = progress?.total ?? summary.data?.totalBytes ?? 0;
  const percent = progress && total ? Math.min(100, Math.floor((progress.received / total) * 100)) : 0;

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        一个 .zip
        文件:推荐名单.xlsx(项目类别、项目名称、申报单位、联系人、联系方式,按排名顺序)、封面.docx,以及每个“推荐省级”案例一个文件夹(受理编号-项目名称),内含案例文档和原始附件。
      </Typography.Paragraph>
      {summary.data ? (
        <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered>
          <Descriptions.Item label="推荐省级案例">{summary.data.cases} 项</Descriptions.Item>
          <Descriptions.Item label="文件数">{summary.data.fileCount} 个</Descriptions.Item>
          <Descriptions.Item label="大小">约 {mb(summary.data.totalBytes)}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {summary.isError ? <Alert type="error" showIcon message={errorMessage(summary.error)} /> : null}
      {progress ? (
        <Flex vertical gap={4}>
          <Progress percent={percent} status="active" aria-label="下载进度" />
          <Flex justify="space-between">
            <Typography.Text type="secondary">
              {progress.received === 0 ? '正在生成名单、封面和案例文档,请稍候…' : `已下载 ${mb(progress.received)} / ${mb(total)}`}
            </Typography.Text>
            <Button size="small" onClick={() => abort.current?.abort()}>
              取消
            </Button>
          </Flex>
        </Flex>
      ) : null}
      <div>
        <Button type="primary" onClick={() => void start()} loading={progress !== null || summary.isPending} disabled={!summary.data}>
          下载上报材料
        </Button>
      </div>
    </Flex>
  );
}
