import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { AwardDto, RewardItemDto, RewardSchemeView } from '../../../../../contracts/registries.ts';
import { schoolYearOf } from '../../../../../contracts/school-year.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { dayjs, formatDateTime, inShanghai, toPlainDate } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import {
  useAwards,
  useDeleteRewardItem,
  useGiveAward,
  useRevokeAward,
  useRewardScheme,
  useSaveRewardItem,
  useSaveRewardScheme,
} from '../api/registries-api.ts';
import { RegistryFiles } from './registry-files.tsx';
import { StudentSearchSelect } from '../../../components/student-search-select.tsx';
import { recentSchoolYears } from '../../../../../contracts/school-year.ts';

const future = (d: Dayjs) => d.isAfter(inShanghai(new Date()), 'day');

/** The modal's own error line, plus the field errors the server named. */
function useRefusal() {
  const [refusal, setRefusal] = useState<string | null>(null);
  const alert = refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} role="alert" /> : null;
  return { alert, setRefusal };
}

function SchemeSection({ view }: { view: RewardSchemeView }) {
  const [form] = Form.useForm<{ title: string; adoptedOn: Dayjs | null; note?: string }>();
  const save = useSaveRewardScheme();
  const isMobile = useIsMobile();
  const { alert, setRefusal } = useRefusal();
  const [editing, setEditing] = useState(false);
  const scheme = view.scheme;

  useEffect(() => {
    if (!editing) return;
    form.setFieldsValue(
      scheme
        ? { title: scheme.title, adoptedOn: dayjs(scheme.adoptedOn), note: scheme.note ?? undefined }
        : { title: '学生成长奖励办法', adoptedOn: null },
    );
  }, [editing, scheme, form]);

  if (editing) {
    return (
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        disabled={save.isPending}
        onFinish={(v) => {
          setRefusal(null);
          save.mutate(
            { title: v.title, adoptedOn: toPlainDate(v.adoptedOn), note: v.note ?? null },
            {
              onSuccess: () => {
                notifySuccess('成长奖励制度已保存');
                setEditing(false);
              },
              onError: (error) => {
                applyErrorToForm(form, error);
                setRefusal(errorMessage(error));
              },
            },
          );
        }}
      >
        {alert}
        <Form.Item name="title" label="制度名称" rules={[{ required: true, message: '请填写制度名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="adoptedOn" label="通过日期" rules={[{ required: true, message: '请选择通过日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={future} placeholder="选择日期" inputReadOnly={isMobile} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={1000} showCount />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t.save}
          </Button>
          <Button onClick={() => setEditing(false)}>{t.cancel}</Button>
        </Space>
      </Form>
    );
  }
  if (!scheme) {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${view.unit.name}尚未登记成长奖励制度`}>
        <AbilityButton type="primary" ability={view.abilities.edit} onClick={() => setEditing(true)}>
          登记奖励制度
        </AbilityButton>
      </Empty>
    );
  }
  return (
    <Flex vertical gap={12}>
      <Descriptions
        layout={isMobile ? 'vertical' : 'horizontal'}
        size="small"
        bordered
        column={isMobile ? 1 : 2}
        items={[
          { key: 'title', label: '制度名称', children: scheme.title },
          { key: 'on', label: '通过日期', children: scheme.adoptedOn },
          ...(scheme.note ? [{ key: 'note', label: '备注', span: isMobile ? 1 : 2, children: scheme.note }] : []),
        ]}
      />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {scheme.updatedBy?.displayName ?? ''} 更新于 {formatDateTime(scheme.updatedAt)}
        </Typography.Text>
        <AbilityButton ability={view.abilities.edit} onClick={() => setEditing(true)}>
          修改
        </AbilityButton>
      </Flex>
      <RegistryFiles label="制度文件" files={view.files} uploadPath="/registries/reward-scheme/files" canUpload={view.abilities.edit} />
    </Flex>
  );
}

function ItemModal({ item, open, onClose }: { item: RewardItemDto | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string; criteria: string; amount?: string }>();
  const save = useSaveRewardItem();
  const isMobile = useIsMobile();
  const { alert, setRefusal } = useRefusal();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(item ? { name: item.name, criteria: item.criteria, amount: item.amount ?? undefined } : {});
    setRefusal(null);
  }, [open, item, form, setRefusal]);
  return (
    <Modal
      open={open}
      title={item ? '修改奖励项目' : '新增奖励项目'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={save.isPending}
      width={isMobile ? '100%' : 520}
      forceRender
    >
      {alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate(
            { id: item?.id ?? null, input: { name: v.name, criteria: v.criteria, amount: v.amount?.trim() || null } },
            {
              onSuccess: () => {
                notifySuccess('奖励项目已保存');
                onClose();
              },
              onError: (error) => {
                applyErrorToForm(form, error, { reward_item_name_taken: 'name' });
                setRefusal(errorMessage(error));
              },
            },
          )
        }
      >
        <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写奖励项目名称' }]}>
          <Input maxLength={60} placeholder="例如 学业进步奖" />
        </Form.Item>
        <Form.Item name="criteria" label="评选条件" rules={[{ required: true, message: '请填写评选条件' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item
          name="amount"
          label="奖励金额(元,可不填)"
          rules={[{ pattern: /^\d{1,7}(\.\d{1,2})?$/, message: '金额应为数字,单位为元,最多两位小数' }]}
        >
          <Input inputMode="decimal" suffix="元" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type AwardValues = { itemId?: number; studentId?: number | null; awardedOn: Dayjs | null; schoolYear?: string; note?: string };

function AwardModal({ view, open, onClose }: { view: RewardSchemeView; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<AwardValues>();
  const give = useGiveAward();
  const isMobile = useIsMobile();
  const { alert, setRefusal } = useRefusal();
  const awardedOn = Form.useWatch('awardedOn', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ awardedOn: inShanghai(new Date()) });
    setRefusal(null);
  }, [open, form, setRefusal]);
  const defaultYear = awardedOn ? schoolYearOf(awardedOn.format('YYYY-MM-DD')) : undefined;
  return (
    <Modal
      open={open}
      title="发放奖励"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="发放"
      cancelText={t.cancel}
      confirmLoading={give.isPending}
      width={isMobile ? '100%' : 520}
      forceRender
    >
      {alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          give.mutate(
            {
              itemId: v.itemId,
              studentId: v.studentId,
              awardedOn: toPlainDate(v.awardedOn),
              schoolYear: v.schoolYear || undefined,
              note: v.note ?? null,
            },
            {
              onSuccess: () => {
                notifySuccess('奖励已发放,并记入学生成长档案');
                onClose();
              },
              onError: (error) => {
                applyErrorToForm(form, error, { award_duplicate: 'studentId' });
                setRefusal(errorMessage(error));
              },
            },
          )
        }
      >
        <Form.Item name="itemId" label="奖励项目" rules={[{ required: true, message: '请选择奖励项目' }]}>
          <Select options={view.items.map((i) => ({ value: i.id, label: i.name }))} placeholder="选择奖励项目" />
        </Form.Item>
        <Form.Item name="studentId" label="学生" rules={[{ required: true, message: '请选择学生' }]}>
          <StudentSearchSelect unitId={view.unit.id} />
        </Form.Item>
        <Form.Item name="awardedOn" label="发放日期" rules={[{ required: true, message: '请选择发放日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={future} placeholder="选择日期" inputReadOnly={isMobile} />
        </Form.Item>
        <Form.Item name="schoolYear" label="所属学年" extra={defaultYear ? `不选则按发放日期计为 ${defaultYear} 学年` : undefined}>
          <Select
            allowClear
            options={recentSchoolYears().map((year) => ({ value: year, label: `${year} 学年` }))}
            placeholder={defaultYear ? `${defaultYear} 学年` : '选择学年'}
          />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AwardsSection({ view }: { view: RewardSchemeView }) {
  const isMobile = useIsMobile();
  const [schoolYear, setSchoolYear] = useState<string | undefined>(schoolYearOf(new Date()));
  const [page, setPage] = useState(1);
  const awards = useAwards(view.unit.id, { schoolYear, page, pageSize: 20 });
  const revoke = useRevokeAward();
  const [giving, setGiving] = useState(false);
  const revokeButton = (a: AwardDto) =>
    a.abilities.delete.allowed ? (
      <Popconfirm
        title="撤销这项奖励?"
        description="撤销后,学生成长档案中的这条奖励也会移除。"
        okText="撤销"
        okButtonProps={{ danger: true }}
        cancelText={t.cancel}
        onConfirm={() =>
          revoke.mutateAsync(a.id).then(
            () => notifySuccess('奖励已撤销'),
            () => undefined,
          )
        }
      >
        <Button size="small" type="link" danger style={{ paddingInline: 0 }}>
          撤销
        </Button>
      </Popconfirm>
    ) : null;
  const student = (a: AwardDto) => `${a.student.name}(${a.student.studentNo})`;
  const columns: TableColumnsType<AwardDto> = isMobile
    ? [
        {
          key: 'all',
          render: (_, a) => (
            <Flex vertical gap={2}>
              <Typography.Text strong>{student(a)}</Typography.Text>
              <Typography.Text>
                {a.item.name} · {a.awardedOn}
              </Typography.Text>
              <Flex gap={8} align="center">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.schoolYear} 学年
                </Typography.Text>
                {revokeButton(a)}
              </Flex>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'student', title: '学生', render: (_, a) => student(a) },
        { key: 'class', title: '班级', render: (_, a) => a.student.className ?? t.none },
        { key: 'item', title: '奖励项目', render: (_, a) => a.item.name },
        { key: 'on', title: '发放日期', dataIndex: 'awardedOn' },
        { key: 'year', title: '学年', dataIndex: 'schoolYear' },
        { key: 'actions', title: t.actions, render: (_, a) => revokeButton(a) },
      ];
  const data = awards.data;
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
          ability={view.abilities.award}
          disabled={view.items.length === 0}
          onClick={() => setGiving(true)}
          block={isMobile}
        >
          发放奖励
        </AbilityButton>
      </Flex>
      {data && data.unitTotal !== data.total ? (
        <Typography.Text type="secondary">
          本单位共 {data.unitTotal} 条发放记录;按隐私规则,这里只列出您负责的学生的 {data.total} 条。
        </Typography.Text>
      ) : null}
      <Table<AwardDto>
        rowKey="id"
        size={isMobile ? 'small' : 'middle'}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={awards.isFetching}
        showHeader={!isMobile}
        scroll={isMobile ? undefined : { x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, simple: isMobile }}
        locale={{ emptyText: '暂无发放记录' }}
      />
      <AwardModal view={view} open={giving} onClose={() => setGiving(false)} />
    </Flex>
  );
}

/** 成长奖励制度: the scheme with its document, the reward items, and the awards given. */
export function RewardSchemeTab({ unitId }: { unitId: number }) {
  const { data: view, isPending } = useRewardScheme(unitId);
  const isMobile = useIsMobile();
  const removeItem = useDeleteRewardItem();
  const [editingItem, setEditingItem] = useState<{ item: RewardItemDto | null } | null>(null);
  if (isPending || !view) return <PageLoading />;

  const itemActions = (i: RewardItemDto) => (
    <Space size={12}>
      {i.abilities.edit.allowed ? (
        <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => setEditingItem({ item: i })}>
          {t.edit}
        </Button>
      ) : null}
      {i.abilities.edit.allowed ? (
        <Popconfirm
          title={`删除奖励项目“${i.name}”?`}
          okText={t.delete}
          okButtonProps={{ danger: true }}
          cancelText={t.cancel}
          disabled={!i.abilities.delete.allowed}
          onConfirm={() => removeItem.mutateAsync(i.id).catch(() => undefined)}
        >
          <AbilityButton size="small" type="link" danger ability={i.abilities.delete} style={{ paddingInline: 0 }}>
            {t.delete}
          </AbilityButton>
        </Popconfirm>
      ) : null}
    </Space>
  );
  const columns: TableColumnsType<RewardItemDto> = isMobile
    ? [
        {
          key: 'all',
          render: (_, i) => (
            <Flex vertical gap={2}>
              <Typography.Text strong>
                {i.name}
                {i.amount ? ` · ${i.amount} 元` : ''}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                {i.criteria}
              </Typography.Text>
              <Flex gap={8} align="center">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  已发放 {i.awardCount} 次
                </Typography.Text>
                {itemActions(i)}
              </Flex>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'name', title: '奖励项目', dataIndex: 'name' },
        {
          key: 'criteria',
          title: '评选条件',
          dataIndex: 'criteria',
          render: (c: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{c}</span>,
        },
        { key: 'amount', title: '金额(元)', render: (_, i) => i.amount ?? t.none },
        { key: 'count', title: '已发放', dataIndex: 'awardCount' },
        { key: 'actions', title: t.actions, render: (_, i) => itemActions(i) },
      ];

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="奖励制度">
        <SchemeSection view={view} />
      </Card>
      <Card
        size="small"
        title="奖励项目"
        extra={
          <AbilityButton
            size="small"
            icon={<PlusOutlined />}
            ability={view.abilities.addItem}
            onClick={() => setEditingItem({ item: null })}
          >
            新增项目
          </AbilityButton>
        }
      >
        <Table<RewardItemDto>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={view.items}
          showHeader={!isMobile}
          pagination={false}
          scroll={isMobile ? undefined : { x: 'max-content' }}
          locale={{ emptyText: '暂无奖励项目' }}
        />
      </Card>
      <Card size="small" title="发放记录">
        <AwardsSection view={view} />
      </Card>
      <ItemModal item={editingItem?.item ?? null} open={editingItem !== null} onClose={() => setEditingItem(null)} />
    </Flex>
  );
}
