import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Badge, Button, Card, Flex, Progress, Spin, Steps, Table, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  requiredRosterFields,
  rosterFieldLabels,
  rosterImportStatusLabels,
  type RosterImportDto,
  type RosterPreview,
} from '../../../../../contracts/roster.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifyError } from '../../../lib/notify.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { downloadRosterTemplate, uploadRoster, useRosterImport, useRosterImports } from '../api/students-api.ts';
import { ImportProgress } from '../components/import-progress.tsx';
import { ImportResult } from '../components/import-result.tsx';
import { MappingStep } from '../components/mapping-step.tsx';

/** The wizard's step for an import's state: 上传 → 核对列 → 导入 → 结果. */
function stepOf(job: RosterImportDto | undefined): number {
  if (!job) return 0;
  if (job.status === 'uploaded') return 1;
  if (job.status === 'running') return 2;
  return 3;
}

/**
 * Roster import: upload a workbook as the unit keeps it; check the header row
 * and which column is which; run it (progress from the server's counts, so a
 * reload or another tab shows the same); read the result and the error report.
 * The import's id is in the URL, so leaving and coming back resumes it.
 */
export default function RosterImportPage() {
  const [params, setParams] = useSearchParams();
  const id = Number(params.get('id')) || null;
  const job = useRosterImport(id);
  const isMobile = useIsMobile();
  const [firstPreview, setFirstPreview] = useState<RosterPreview | null>(null);
  const setId = (next: number | null) => setParams(next ? { id: String(next) } : {}, { replace: false });

  const current = stepOf(job.data);
  return (
    <>
      <Link to="/students">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          学生名册
        </Button>
      </Link>
      <PageHeader title="导入学生名册" description="按学号导入:新学生新增,已有学生更新;同一文件重复导入不会产生重复学生。" />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <Steps
          current={current}
          size="small"
          orientation={isMobile ? 'vertical' : 'horizontal'}
          style={{ marginBottom: 24 }}
          items={[{ title: '上传文件' }, { title: '核对列与预览' }, { title: '导入' }, { title: '结果' }]}
        />
        {id !== null && job.isPending ? (
          <PageLoading />
        ) : id !== null && job.isError ? (
          <Alert type="error" showIcon title={errorMessage(job.error)} action={<Button onClick={() => setId(null)}>重新上传</Button>} />
        ) : current === 0 ? (
          <UploadStep
            onUploaded={(uploaded, preview) => {
              setFirstPreview(preview);
              setId(uploaded.id);
            }}
            onOpen={setId}
          />
        ) : current === 1 ? (
          <MappingStep job={job.data!} initial={firstPreview} onCancel={() => setId(null)} />
        ) : current === 2 ? (
          <ImportProgress job={job.data!} />
        ) : (
          <ImportResult job={job.data!} onAgain={() => setId(null)} />
        )}
      </Card>
    </>
  );
}

type Upload = { step: 'choose' } | { step: 'uploading'; percent: number; name: string } | { step: 'reading'; name: string };

const MAX_MB = 64;

function UploadStep({
  onUploaded,
  onOpen,
}: {
  onUploaded: (job: RosterImportDto, preview: RosterPreview) => void;
  onOpen: (id: number) => void;
}) {
  const [state, setState] = useState<Upload>({ step: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const recent = useRosterImports(true);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (file: File) => {
    setError(null);
    if (!file.name.toLowerCase().endsWith('.xlsx')) return setError('请上传 Excel(.xlsx)文件;.xls 请先用 Excel 或 WPS 另存为 .xlsx。');
    if (file.size > MAX_MB * 1024 * 1024) return setError(`文件超过 ${MAX_MB} MB,请按年级拆分后分别导入。`);
    const controller = new AbortController();
    abort.current = controller;
    setState({ step: 'uploading', percent: 0, name: file.name });
    try {
      const result = await uploadRoster(
        file,
        // Once every byte is sent, the server reads the sheet: its header, merged cells and size.
        (percent) => setState(percent >= 100 ? { step: 'reading', name: file.name } : { step: 'uploading', percent, name: file.name }),
        controller.signal,
      );
      onUploaded(result.import, result.preview);
    } catch (e) {
      setState({ step: 'choose' });
      if (!(e instanceof DOMException && e.name === 'AbortError')) setError(errorMessage(e));
    }
  };

  if (state.step === 'uploading') {
    return (
      <Flex vertical gap={8} style={{ padding: '24px 0' }}>
        <Typography.Text>正在上传 {state.name}…</Typography.Text>
        <Progress percent={state.percent} status="active" aria-label="上传进度" />
        <div>
          <Button onClick={() => abort.current?.abort()}>取消上传</Button>
        </div>
      </Flex>
    );
  }
  if (state.step === 'reading') {
    return (
      <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }}>
        <Spin size="large" />
        <Typography.Text>正在读取表格…</Typography.Text>
        <Typography.Text type="secondary">识别表头、合并单元格和行数,大文件需要几秒钟</Typography.Text>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>
        直接上传本单位现有的名册即可:表头上方的标题行、合并单元格、以数字保存的学号、全角字符和多余空格都能识别。需要的列:
        {requiredRosterFields.map((f) => rosterFieldLabels[f]).join('、')}
        (必填),以及身份证号、性别、班级、学制、生源地城乡、户籍地市、院系、联系电话、家庭住址、出生日期、银行卡号(有则导入)。
      </Typography.Paragraph>
      <div>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void downloadRosterTemplate().catch((e: unknown) => notifyError(errorMessage(e)))}
        >
          下载导入模板
        </Button>
      </div>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        beforeUpload={(file) => {
          void start(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖拽 Excel 名册到此处</p>
        <p className="ant-upload-hint">仅支持 .xlsx,不超过 {MAX_MB} MB;名册应在第一个工作表中</p>
      </Upload.Dragger>
      {recent.data && recent.data.items.length ? (
        <div>
          <Typography.Title level={5}>最近的导入</Typography.Title>
          <Table<RosterImportDto>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={recent.data.items}
            columns={[
              { title: '文件', dataIndex: 'fileName', render: (name: string, j) => <a onClick={() => onOpen(j.id)}>{name}</a> },
              { title: '上传时间', dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
              {
                title: '状态',
                dataIndex: 'status',
                render: (status: RosterImportDto['status']) => (
                  <Badge
                    status={
                      status === 'finished' ? 'success' : status === 'running' ? 'processing' : status === 'failed' ? 'error' : 'default'
                    }
                    text={rosterImportStatusLabels[status]}
                  />
                ),
              },
              { title: '新增 / 更新 / 错误行', key: 'counts', render: (_, j) => `${j.inserted} / ${j.updated} / ${j.failed}` },
            ]}
          />
        </div>
      ) : null}
    </Flex>
  );
}
