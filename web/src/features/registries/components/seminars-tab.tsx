import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Pagination,
  Popconfirm,
  Select,
  Space,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { SeminarDto } from '../../../../../contracts/registries.ts';
import { schoolYearOf, semesterLabels } from '../../../../../contracts/school-year.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { dayjs, inShanghai, toPlainDate } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useDeleteSeminar, useSaveSeminar, useSeminars } from '../api/registries-api.ts';
import { RegistryFiles } from './registry-files.tsx';
import { recentSchoolYears } from '../../../../../contracts/school-year.ts';

type Values = { heldOn: Dayjs | null; topic: string; participantCount: number | null; participantNames: string[]; minutes?: string };

const future = (d: Dayjs) => d.isAfter(inShanghai(new Date()), 'day');

function SeminarModal({ seminar, open, onClose }: { seminar: SeminarDto | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const save = useSaveSeminar();
  const isMobile = useIsMobile();
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      seminar
        ? {
            heldOn: dayjs(seminar.heldOn),
            topic: seminar.topic,
            participantCount: seminar.participantCount,
            participantNames: seminar.participantNames,
            minutes: seminar.minutes ?? undefined,
          }
        : { heldOn: inShanghai(new Date()), participantNames: [], participantCount: null },
    );
    setRefusal(null);
  }, [open, seminar, form]);

  const onFinish = (v: Values) => {
    setRefusal(null);
    save.mutate(
      {
        id: seminar?.id ?? null,
        input: {
          heldOn: toPlainDate(v.heldOn),
          topic: v.topic,
          participantCount: v.participantCount,
          participantNames: v.participantNames ?? [],
          minutes: v.minutes ?? null,
        },
      },
      {
        onSuccess: () => {
          notifySuccess(seminar ? '研讨记录已修改' : '研讨已登记');
          onClose();
        },
        onError: (error) => {
          applyErrorToForm(form, error);
          setRefusal(errorMessage(error));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={seminar ? '修改研讨记录' : '登记研讨'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={save.isPending}
      width={isMobile ? '100%' : 600}
      style={isMobile ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      forceRender
    >
      {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending}>
        <Form.Item name="heldOn" label="研讨日期" rules={[{ required: true, message: '请选择研讨日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={future} placeholder="选择日期" inputReadOnly={isMobile} />
        </Form.Item>
        <Form.Item name="topic" label="研讨主题" rules={[{ required: true, message: '请填写研讨主题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="participantCount" label="参加人数" rules={[{ required: true, message: '请填写参加人数' }]}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="participantNames" label="参加人员" extra="输入姓名后按回车添加">
          <Select mode="tags" open={false} placeholder="例如 李老师" aria-label="参加人员" tokenSeparators={[',', ',', '、', ' ']} />
        </Form.Item>
        <Form.Item name="minutes" label="研讨纪要" extra="请勿写入学生的身份证号、电话、住址等敏感信息。">
          <Input.TextArea rows={6} maxLength={20000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SeminarCard({ seminar, onEdit }: { seminar: SeminarDto; onEdit: () => void }) {
  const remove = useDeleteSeminar();
  return (
    <Card
      size="small"
      data-testid="seminar-card"
      title={
        <Flex vertical style={{ whiteSpace: 'normal', paddingBlock: 6 }}>
          <Typography.Text strong style={{ wordBreak: 'break-word' }}>
            {seminar.topic}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {seminar.heldOn} · {seminar.schoolYear} 学年{semesterLabels[seminar.semester]} · {seminar.participantCount} 人参加
          </Typography.Text>
        </Flex>
      }
      extra={
        seminar.abilities.edit.allowed ? (
          <Space size={8}>
            <Button size="small" type="link" onClick={onEdit} style={{ paddingInline: 0 }}>
              {t.edit}
            </Button>
            <Popconfirm
              title="删除这次研讨的记录?"
              description="研讨的文件也会一并删除。"
              okText={t.delete}
              okButtonProps={{ danger: true }}
              cancelText={t.cancel}
              onConfirm={() =>
                remove.mutateAsync(seminar.id).then(
                  () => notifySuccess('研讨记录已删除'),
                  () => undefined,
                )
              }
            >
              <Button size="small" type="link" danger style={{ paddingInline: 0 }}>
                {t.delete}
              </Button>
            </Popconfirm>
          </Space>
        ) : null
      }
    >
      <Flex vertical gap={8}>
        {seminar.participantNames.length ? <Typography.Text>参加人员:{seminar.participantNames.join('、')}</Typography.Text> : null}
        {seminar.minutes ? (
          <Typography.Paragraph
            ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (expanded) => (expanded ? '收起' : '展开') }}
            style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
          >
            {seminar.minutes}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">未填写纪要</Typography.Text>
        )}
        <RegistryFiles
          label="纪要与照片"
          files={seminar.files}
          uploadPath={`/registries/seminars/${seminar.id}/files`}
          canUpload={seminar.abilities.edit}
        />
      </Flex>
    </Card>
  );
}

/** 常态化研讨: the unit's seminars, newest first, by school year. */
export function SeminarsTab({ unitId }: { unitId: number }) {
  const isMobile = useIsMobile();
  const [schoolYear, setSchoolYear] = useState<string | undefined>(schoolYearOf(new Date()));
  const [page, setPage] = useState(1);
  const { data, isPending } = useSeminars(unitId, { schoolYear, page, pageSize: 10 });
  const [editing, setEditing] = useState<{ seminar: SeminarDto | null } | null>(null);
  if (isPending || !data) return <PageLoading />;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between">
        <Select
          aria-label="学年"
          allowClear
          placeholder="全部学年"
          value={schoolYear}
          onChange={(v) => {
            setSchoolYear(v);
            setPage(1);
          }}
          options={recentSchoolYears().map((year) => ({ value: year, label: `${year} 学年` }))}
          style={{ width: isMobile ? '100%' : 180 }}
        />
        <AbilityButton
          type="primary"
          icon={<PlusOutlined />}
          ability={data.abilities.create}
          onClick={() => setEditing({ seminar: null })}
          block={isMobile}
        >
          登记研讨
        </AbilityButton>
      </Flex>
      <Typography.Text type="secondary">共 {data.total} 次研讨</Typography.Text>
      {data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无研讨记录" /> : null}
      {data.items.map((s) => (
        <SeminarCard key={s.id} seminar={s} onEdit={() => setEditing({ seminar: s })} />
      ))}
      {data.total > data.pageSize ? (
        <Pagination current={page} pageSize={data.pageSize} total={data.total} onChange={setPage} simple={isMobile} align="center" />
      ) : null}
      <SeminarModal seminar={editing?.seminar ?? null} open={editing !== null} onClose={() => setEditing(null)} />
    </Flex>
  );
}
