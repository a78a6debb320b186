import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Divider, Empty, Flex, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { SupportCenterDto } from '../../../../../contracts/registries.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { applyErrorToForm } from '../../../lib/form-errors.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { dayjs, formatDateTime, inShanghai, toPlainDate } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useSaveSupportCenter, useSupportCenter } from '../api/registries-api.ts';
import { RegistryFiles } from './registry-files.tsx';

type Values = {
  name: string;
  establishedOn: Dayjs | null;
  place: string;
  staff: { name: string; role: string }[];
  services: string[];
  note?: string;
};

const future = (d: Dayjs) => d.isAfter(inShanghai(new Date()), 'day');

function CenterForm({ center, onDone }: { center: SupportCenterDto | null; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const save = useSaveSupportCenter();
  const isMobile = useIsMobile();
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    form.setFieldsValue(
      center
        ? { ...center, establishedOn: dayjs(center.establishedOn), note: center.note ?? undefined }
        : { name: '学生发展支持中心', establishedOn: null, place: '', staff: [{ name: '', role: '' }], services: [] },
    );
  }, [center, form]);

  const onFinish = (v: Values) => {
    setRefusal(null);
    save.mutate(
      { ...v, establishedOn: toPlainDate(v.establishedOn), staff: v.staff ?? [], services: v.services ?? [], note: v.note ?? null },
      {
        onSuccess: () => {
          notifySuccess('支持中心信息已保存');
          onDone();
        },
        onError: (error) => {
          applyErrorToForm(form, error);
          setRefusal(errorMessage(error));
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending} style={{ maxWidth: 640 }}>
      {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form.Item name="name" label="中心名称" rules={[{ required: true, message: '请填写中心名称' }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="establishedOn" label="成立日期" rules={[{ required: true, message: '请选择成立日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={future} placeholder="选择日期" inputReadOnly={isMobile} />
      </Form.Item>
      <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写中心地点' }]}>
        <Input maxLength={100} placeholder="例如 学生活动中心二楼" />
      </Form.Item>
      <Form.Item label="工作人员" required={false}>
        <Form.List name="staff">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, message: '请填写姓名' }]}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <Input placeholder="姓名" aria-label={`第 ${index + 1} 名工作人员姓名`} maxLength={40} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'role']}
                    rules={[{ required: true, message: '请填写职责' }]}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <Input placeholder="职责或岗位" aria-label={`第 ${index + 1} 名工作人员职责`} maxLength={40} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={`移除第 ${index + 1} 名工作人员`}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', role: '' })} block>
                添加工作人员
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="services" label="服务项目" extra="输入后按回车添加,可添加多项">
        <Select
          mode="tags"
          open={false}
          placeholder="例如 心理辅导、生涯咨询、学业帮扶"
          aria-label="服务项目"
          tokenSeparators={[',', ',', '、']}
        />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t.save}
        </Button>
        {center ? <Button onClick={onDone}>{t.cancel}</Button> : null}
      </Space>
    </Form>
  );
}

/** 学生发展支持中心: what the unit has registered, and the officer's form. */
export function SupportCenterTab({ unitId }: { unitId: number }) {
  const { data, isPending } = useSupportCenter(unitId);
  const isMobile = useIsMobile();
  const [editing, setEditing] = useState(false);
  if (isPending || !data) return <PageLoading />;
  const { center } = data;

  return (
    <Flex vertical gap={16}>
      {editing ? (
        <CenterForm center={center} onDone={() => setEditing(false)} />
      ) : center ? (
        <>
          <Descriptions
            layout={isMobile ? 'vertical' : 'horizontal'}
            column={isMobile ? 1 : 2}
            size="small"
            bordered
            items={[
              { key: 'name', label: '中心名称', children: center.name },
              { key: 'on', label: '成立日期', children: center.establishedOn },
              { key: 'place', label: '地点', children: center.place, span: isMobile ? 1 : 2 },
              {
                key: 'staff',
                label: '工作人员',
                span: isMobile ? 1 : 2,
                children: center.staff.length ? center.staff.map((s) => `${s.name}(${s.role})`).join('、') : t.none,
              },
              {
                key: 'services',
                label: '服务项目',
                span: isMobile ? 1 : 2,
                children: center.services.length ? (
                  <Flex gap={4} wrap>
                    {center.services.map((s) => (
                      <Tag key={s}>{s}</Tag>
                    ))}
                  </Flex>
                ) : (
                  t.none
                ),
              },
              ...(center.note ? [{ key: 'note', label: '备注', span: isMobile ? 1 : 2, children: center.note }] : []),
            ]}
          />
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {center.updatedBy?.displayName ?? ''} 更新于 {formatDateTime(center.updatedAt)}
            </Typography.Text>
            <AbilityButton ability={data.abilities.edit} onClick={() => setEditing(true)}>
              修改
            </AbilityButton>
          </Flex>
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${data.unit.name}尚未登记学生发展支持中心`}>
          <AbilityButton type="primary" ability={data.abilities.edit} onClick={() => setEditing(true)}>
            登记支持中心
          </AbilityButton>
        </Empty>
      )}
      <Divider style={{ margin: '8px 0' }} />
      <RegistryFiles label="照片与文件" files={data.files} uploadPath="/registries/support-center/files" canUpload={data.abilities.edit} />
    </Flex>
  );
}
