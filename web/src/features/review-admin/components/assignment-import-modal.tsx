import { useState } from 'react';
import { Alert, Button, Flex, Modal, Progress, Result, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { assignmentImportColumns, type AssignmentBatchResult } from '../../../../../contracts/review-assignment.ts';
import type { ImportRowError } from '../../../../../contracts/users.ts';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { notifyError } from '../../../lib/notify.ts';
import { downloadAssignmentErrors, downloadAssignmentTemplate, uploadAssignments } from '../api/review-admin-api.ts';

type State =
  | { step: 'choose' }
  | { step: 'uploading'; percent: number }
  | { step: 'done'; result: AssignmentBatchResult }
  | { step: 'rejected'; errors: ImportRowError[]; message: string }
  | { step: 'failed'; message: string };

/** 导入分配表: 受理编号 + 评审专家账号 per row; any bad row and nothing is assigned. */
export function AssignmentImportModal({
  trackId,
  open,
  onClose,
  onDone,
}: {
  trackId: number;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [state, setState] = useState<State>({ step: 'choose' });
  const [busy, setBusy] = useState(false);

  const start = async (file: File) => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setState({ step: 'failed', message: '请上传 Excel(.xlsx)文件,可先下载模板填写。' });
      return;
    }
    setState({ step: 'uploading', percent: 0 });
    try {
      const result = await uploadAssignments(trackId, file, (percent) => setState({ step: 'uploading', percent }));
      setState({ step: 'done', result });
      onDone();
    } catch (error) {
      if (isApiError(error) && error.code === 'import_has_errors') {
        const errors = Array.isArray(error.details.errors) ? (error.details.errors as ImportRowError[]) : [];
        setState({ step: 'rejected', errors, message: error.message });
      } else {
        setState({ step: 'failed', message: errorMessage(error) });
      }
    }
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

  const close = () => {
    if (state.step === 'uploading') return;
    setState({ step: 'choose' });
    onClose();
  };

  return (
    <Modal title="导入分配表" open={open} onCancel={close} footer={null} destroyOnHidden>
      {state.step === 'choose' || state.step === 'failed' ? (
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>
            每行填写一个分配:{assignmentImportColumns.join('、')}。模板已列出本类别全部已受理案例;一个案例分配多位专家时请写多行。
          </Typography.Paragraph>
          <div>
            <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run(() => downloadAssignmentTemplate(trackId))}>
              下载分配模板
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
            <p className="ant-upload-text">点击或拖拽分配表到此处</p>
            <p className="ant-upload-hint">仅支持 .xlsx;任何一行有错误时不会分配任何案例</p>
          </Upload.Dragger>
        </Flex>
      ) : null}
      {state.step === 'uploading' ? (
        <Flex vertical gap={8} style={{ padding: '24px 0' }}>
          <Typography.Text>{state.percent >= 100 ? '正在逐行校验…' : '正在上传…'}</Typography.Text>
          <Progress percent={state.percent} status="active" aria-label="上传进度" />
        </Flex>
      ) : null}
      {state.step === 'done' ? (
        <Result
          status="success"
          title={`已新增 ${state.result.created} 项分配`}
          subTitle={`已通知 ${state.result.notifiedReviewers} 位专家;表中已存在的分配未重复添加。`}
          extra={<Button onClick={close}>完成</Button>}
        />
      ) : null}
      {state.step === 'rejected' ? (
        <Flex vertical gap={12}>
          <Alert type="error" showIcon title={state.message} description={`共 ${state.errors.length} 处错误`} />
          <Flex wrap gap={8}>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={busy}
              onClick={() => void run(() => downloadAssignmentErrors(trackId, state.errors))}
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
            data-testid="import-errors"
            columns={[
              { title: '行号', dataIndex: 'row', width: 64 },
              { title: '列', dataIndex: 'column', width: 110 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </Flex>
      ) : null}
    </Modal>
  );
}
