import { useRef, useState } from 'react';
import { Alert, Button, Flex, Modal, Progress, Result, Spin, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { userImportColumns, type ImportRowError, type UserImportResult } from '../../../../../contracts/users.ts';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { csvBlob, saveBlob } from '../../../lib/download.ts';
import { notifyError } from '../../../lib/notify.ts';
import { dayjs } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { downloadImportErrorReport, downloadImportTemplate, uploadUserImport, useInvalidateUsers } from '../api/users-api.ts';

type State =
  | { step: 'choose' }
  | { step: 'uploading'; percent: number; fileName: string }
  | { step: 'checking'; fileName: string }
  | { step: 'done'; result: UserImportResult }
  | { step: 'rejected'; errors: ImportRowError[]; message: string }
  | { step: 'failed'; message: string };

const MAX_BYTES = 10 * 1024 * 1024;

export function UserImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [state, setState] = useState<State>({ step: 'choose' });
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const invalidate = useInvalidateUsers();
  const isMobile = useIsMobile();
  const working = state.step === 'uploading' || state.step === 'checking';

  const start = async (file: File) => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setState({ step: 'failed', message: '请上传 Excel(.xlsx)文件,可先下载模板填写。' });
      return;
    }
    if (file.size > MAX_BYTES) {
      setState({ step: 'failed', message: '文件超过 10 MB,请分批导入。' });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setState({ step: 'uploading', percent: 0, fileName: file.name });
    try {
      const result = await uploadUserImport(
        file,
        (percent) =>
          // Once every byte is sent the server still reads and checks the rows.
          setState(percent >= 100 ? { step: 'checking', fileName: file.name } : { step: 'uploading', percent, fileName: file.name }),
        controller.signal,
      );
      setState({ step: 'done', result });
      invalidate();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        setState({ step: 'choose' });
        return;
      }
      if (isApiError(error) && error.code === 'import_has_errors') {
        const errors = Array.isArray(error.details.errors) ? (error.details.errors as ImportRowError[]) : [];
        setState({ step: 'rejected', errors, message: error.message });
      } else {
        setState({ step: 'failed', message: errorMessage(error) });
      }
    } finally {
      abort.current = null;
    }
  };

  const close = () => {
    // While the server checks the file the import may already be committing: wait for the answer.
    if (state.step === 'checking') return;
    abort.current?.abort();
    setState({ step: 'choose' });
    onClose();
  };

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    try {
      await task();
    } catch (error) {
      notifyError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const downloadAccounts = (result: UserImportResult) => {
    const blob = csvBlob(
      ['用户名', '姓名', '一次性密码'],
      result.accounts.map((a) => [a.username, a.displayName, a.temporaryPassword]),
    );
    saveBlob(blob, `导入账号-${dayjs().format('YYYYMMDD-HHmm')}.csv`);
  };

  let body: React.ReactNode;
  switch (state.step) {
    case 'choose':
    case 'failed':
      body = (
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>
            请按模板填写:{userImportColumns.join('、')}。多个角色用“、”分隔,填写中文角色名;单位请填单位代码。
          </Typography.Paragraph>
          <div>
            <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run(downloadImportTemplate)}>
              下载导入模板
            </Button>
          </div>
          {state.step === 'failed' ? <Alert type="error" showIcon title={state.message} /> : null}
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
            <p className="ant-upload-text">点击或拖拽 Excel 文件到此处</p>
            <p className="ant-upload-hint">仅支持 .xlsx,不超过 10 MB;任何一行有错误时不会导入任何数据</p>
          </Upload.Dragger>
        </Flex>
      );
      break;
    case 'uploading':
      body = (
        <Flex vertical gap={8} style={{ padding: '24px 0' }}>
          <Typography.Text>正在上传 {state.fileName}…</Typography.Text>
          <Progress percent={state.percent} status="active" aria-label="上传进度" />
        </Flex>
      );
      break;
    case 'checking':
      body = (
        <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }}>
          <Spin size="large" />
          <Typography.Text>正在校验…</Typography.Text>
          <Typography.Text type="secondary">服务器正在逐行检查 {state.fileName},请勿关闭此窗口</Typography.Text>
        </Flex>
      );
      break;
    case 'done':
      body = (
        <Flex vertical gap={12}>
          <Result
            status="success"
            title={`已导入 ${state.result.created} 个账号`}
            subTitle="一次性密码只显示这一次,请立即下载账号清单并妥善分发。"
            style={{ padding: '8px 0' }}
          />
          <div>
            <Button type="primary" icon={<DownloadOutlined />} onClick={() => downloadAccounts(state.result)}>
              下载账号清单(CSV)
            </Button>
          </div>
          <Table
            size="small"
            rowKey="username"
            dataSource={state.result.accounts}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '姓名', dataIndex: 'displayName' },
              {
                title: '一次性密码',
                dataIndex: 'temporaryPassword',
                render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
              },
            ]}
          />
        </Flex>
      );
      break;
    case 'rejected':
      body = (
        <Flex vertical gap={12}>
          <Alert type="error" showIcon title={state.message} description={`共 ${state.errors.length} 处错误`} />
          <Flex wrap gap={8}>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={busy}
              onClick={() => void run(() => downloadImportErrorReport(state.errors))}
            >
              下载错误报告
            </Button>
            <Button onClick={() => setState({ step: 'choose' })}>重新选择文件</Button>
          </Flex>
          <Table
            size="small"
            rowKey={(row) => `${row.row}-${row.column}-${row.message}`}
            dataSource={state.errors}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 64 },
              { title: '列', dataIndex: 'column', width: 90 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </Flex>
      );
      break;
  }

  return (
    <Modal
      open={open}
      title="批量导入用户"
      onCancel={close}
      width={isMobile ? '100%' : 720}
      mask={{ closable: !working }}
      closable={state.step !== 'checking'}
      destroyOnHidden
      footer={
        <Button onClick={close} disabled={state.step === 'checking'}>
          {working ? '取消上传' : state.step === 'done' ? '完成' : t.close}
        </Button>
      }
    >
      {body}
    </Modal>
  );
}
