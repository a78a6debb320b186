import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, List, Popconfirm, Progress, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { campaignYear, updateCampaignInput, type CampaignDto } from '../../../../../contracts/campaigns.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyIssuesToForm, zodRule } from '../../../lib/form-errors.ts';
import { notifyError, notifySuccess } from '../../../lib/notify.ts';
import { dayjs, toPlainDate } from '../../../lib/time.ts';
import { t } from '../../../locales/zh-CN.ts';
import { uploadNoticeFile, useInvalidateCampaigns, useRemoveNoticeFile, useUpdateCampaign } from '../api/campaigns-api.ts';

type Values = {
  year: number;
  title: string;
  noticeText: string;
  summaryDueOn: Dayjs | null;
  programme: string;
  grades: number[];
};

const MB = 1024 * 1024;
const formatSize = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** 基本信息: title, notice text and files, summary due date, eligible population. */
export function BasicInfoTab({ campaign }: { campaign: CampaignDto }) {
  const [form] = Form.useForm<Values>();
  const update = useUpdateCampaign();
  const editable = campaign.abilities.update;

  useEffect(() => {
    form.setFieldsValue({
      year: campaign.year,
      title: campaign.title,
      noticeText: campaign.noticeText ?? '',
      summaryDueOn: campaign.summaryDueOn ? dayjs(campaign.summaryDueOn) : null,
      programme: campaign.eligibility.programme,
      grades: campaign.eligibility.grades,
    });
  }, [campaign, form]);

  const onFinish = (v: Values) =>
    update.mutate(
      {
        id: campaign.id,
        input: {
          year: v.year,
          title: v.title,
          noticeText: v.noticeText?.trim() || null,
          summaryDueOn: toPlainDate(v.summaryDueOn),
          eligibility: { programme: v.programme, grades: [...v.grades].sort() },
        },
      },
      {
        onSuccess: () => notifySuccess(t.saved),
        onError: (error) => {
          if (!applyIssuesToForm(form, error)) notifyError(errorMessage(error));
        },
      },
    );

  return (
    <Flex vertical gap={16}>
      <Card title="基本信息" size="small">
        <Form form={form} layout="vertical" onFinish={onFinish} disabled={!editable || update.isPending} style={{ maxWidth: 720 }}>
          <Flex wrap gap={16}>
            <Form.Item name="year" label="年份" rules={[zodRule(campaignYear)]} style={{ width: 140 }}>
              <InputNumber precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="summaryDueOn" label="总结报告截止日期" style={{ width: 200 }}>
              <DatePicker style={{ width: '100%' }} placeholder="如 9月20日" />
            </Form.Item>
          </Flex>
          <Form.Item name="title" label="活动名称" rules={[zodRule(updateCampaignInput.shape.title.unwrap())]}>
            <Input />
          </Form.Item>
          <Form.Item name="noticeText" label="通知正文" extra="各单位在“活动”页面可看到通知正文和附件">
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} />
          </Form.Item>
          <Typography.Text strong>活动对象</Typography.Text>
          <Flex wrap gap={16} style={{ marginTop: 8 }}>
            <Form.Item
              name="programme"
              label="学制"
              rules={[{ required: true, message: '请填写学制,如“五年制高职”' }]}
              style={{ width: 200 }}
            >
              <Input />
            </Form.Item>
            <Form.Item name="grades" label="年级" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个年级' }]}>
              <Checkbox.Group options={[1, 2, 3, 4, 5].map((g) => ({ value: g, label: `${g} 年级` }))} />
            </Form.Item>
          </Flex>
          {editable ? (
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              保存基本信息
            </Button>
          ) : null}
        </Form>
      </Card>
      <NoticeFiles campaign={campaign} />
    </Flex>
  );
}

function NoticeFiles({ campaign }: { campaign: CampaignDto }) {
  const remove = useRemoveNoticeFile();
  const invalidate = useInvalidateCampaigns();
  const [uploading, setUploading] = useState<{ name: string; percent: number } | null>(null);
  const editable = campaign.abilities.update;

  const upload = async (file: File) => {
    setUploading({ name: file.name, percent: 0 });
    try {
      await uploadNoticeFile(campaign.id, file, (percent) => setUploading({ name: file.name, percent }));
      notifySuccess(`已上传 ${file.name}`);
      invalidate();
    } catch (error) {
      notifyError(errorMessage(error));
    } finally {
      setUploading(null);
    }
  };

  return (
    <Card
      title="通知附件"
      size="small"
      extra={
        editable ? (
          <Upload
            accept=".docx,.pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
            disabled={uploading !== null}
          >
            <Button icon={<UploadOutlined />} loading={uploading !== null}>
              上传附件
            </Button>
          </Upload>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">Word(.docx)或 PDF,每个不超过 20 MB;所有登录用户均可下载。</Typography.Paragraph>
      {uploading ? (
        <Flex vertical style={{ marginBottom: 8 }}>
          <Typography.Text>{uploading.name}</Typography.Text>
          <Progress percent={uploading.percent} status="active" format={(p) => (p === 100 ? '检查中' : `${p}%`)} />
        </Flex>
      ) : null}
      <List
        dataSource={campaign.files}
        locale={{ emptyText: '暂无附件' }}
        renderItem={(file) => (
          <List.Item
            actions={
              editable
                ? [
                    <Popconfirm
                      key="delete"
                      title="删除附件"
                      description={`确定删除“${file.name}”?`}
                      okText="删除"
                      cancelText="取消"
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        remove.mutateAsync({ campaignId: campaign.id, fileId: file.id }).then(
                          () => notifySuccess('已删除'),
                          () => undefined,
                        )
                      }
                    >
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除 ${file.name}`} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Flex gap={8} align="center" style={{ minWidth: 0 }}>
              <PaperClipOutlined />
              <a href={file.url} download={file.name} style={{ wordBreak: 'break-all' }}>
                {file.name}
              </a>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {formatSize(file.sizeBytes)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

export { formatSize };
