import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, CheckOutlined, DeleteOutlined } from '@ant-design/icons';
import {
  incomeSourceLabels,
  incomeSources,
  specialCircumstanceLabels,
  specialCircumstances,
  visitModeLabels,
  visitModes,
  type HomeVisitDto,
  type VisitContent,
} from '../../../../../contracts/home-visits.ts';
import { piiKindLabels } from '../../../../../contracts/pii.ts';
import { messageFor } from '../../../../../contracts/reasons.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { LoadFailedResult } from '../../../components/load-failed-result.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { errorMessage, isApiError } from '../../../lib/api-client.ts';
import { dayjs, formatDate, formatDateTime, inShanghai, toPlainDate } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
// The one autosave of the app (local copy + revisioned saves), shared with the case form.
import type { AutosaveOptions } from '../../../lib/autosave.ts';
import { useAutosave } from '../../../lib/use-autosave.ts';
import { SaveIndicator } from '../../../components/save-indicator.tsx';
import { homeVisitKey, useCompleteHomeVisit, useDeleteHomeVisit, useHomeVisit, useRefreshHomeVisits } from '../api/home-visits-api.ts';
import { PhotoPanel } from '../components/photo-panel.tsx';
import {
  contentOf,
  fieldReady,
  isLockedError,
  isStaleRevision,
  loadLatestVisit,
  localVisitKey,
  saveVisitContent,
} from '../lib/visit-content.ts';

const fieldLabels: Record<keyof VisitContent, string> = {
  visitedOn: '家访日期',
  mode: '家访方式',
  visitors: '走访人员',
  household: '家庭情况',
  findings: '家访情况',
};

export default function HomeVisitPage() {
  const id = Number(useParams().id);
  const query = useHomeVisit(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError || !query.data) {
    return <LoadFailedResult error={query.error} title="无法打开这条家访记录" backTo="/home-visits" backLabel="返回家访记录" />;
  }
  return <VisitEditor key={id} detail={query.data} />;
}

function StudentHeader({ detail }: { detail: HomeVisitDto }) {
  const navigate = useNavigate();
  const s = detail.student;
  return (
    <Flex vertical gap={4} style={{ marginBottom: 12 }}>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ alignSelf: 'flex-start', paddingInline: 0 }}
        onClick={() => void navigate('/home-visits')}
      >
        家访记录
      </Button>
      <Flex wrap align="center" gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {s.name} 的家访
        </Typography.Title>
        {detail.status === 'completed' ? <Tag color="success">已完成</Tag> : <Tag color="warning">草稿</Tag>}
      </Flex>
      <Typography.Text type="secondary">
        {s.studentNo} · {s.className ?? '—'} · {s.unitName}
      </Typography.Text>
    </Flex>
  );
}

function PrivacyWarnings({ detail }: { detail: HomeVisitDto }) {
  if (detail.privacyWarnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="privacy-warnings"
      title="文字中疑似含有个人敏感信息"
      description={
        <Flex vertical gap={2}>
          <span>家访记录会被有权查看该学生的老师看到,请删除或改写以下内容(系统仅提示,不阻止保存):</span>
          {detail.privacyWarnings.map((w, i) => (
            <span key={i}>
              {w.field === 'findings' ? '家访情况' : '家庭情况补充说明'}:{piiKindLabels[w.finding.kind]} “{w.finding.excerpt}”
            </span>
          ))}
        </Flex>
      }
    />
  );
}

function VisitEditor({ detail }: { detail: HomeVisitDto }) {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const refresh = useRefreshHomeVisits();
  const complete = useCompleteHomeVisit();
  const remove = useDeleteHomeVisit();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof VisitContent, string>>>({});
  const editable = detail.abilities.edit.allowed;

  const options = useMemo<AutosaveOptions<VisitContent> | null>(
    () =>
      editable
        ? {
            storageKey: localVisitKey(detail.id),
            values: contentOf(detail),
            revision: detail.revision,
            save: (changes, revision) => saveVisitContent(detail.id, changes, revision),
            loadLatest: () => loadLatestVisit(detail.id),
            isConflict: isStaleRevision,
            isLocked: isLockedError,
            messageOf: errorMessage,
            ready: (key, value) => fieldReady(key, value),
          }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [detail.id, editable],
  );
  const autosave = useAutosave(options);
  const snapshot = autosave?.snapshot ?? null;
  const values = snapshot?.values ?? contentOf(detail);

  // After each confirmed save the server's view (privacy warnings, abilities) is fetched again.
  const savedAt = snapshot?.savedAt?.getTime();
  useEffect(() => {
    if (savedAt) void client.invalidateQueries({ queryKey: homeVisitKey(detail.id) });
  }, [savedAt, detail.id, client]);

  if (!editable || !snapshot) return <VisitView detail={detail} />;

  const update = (patch: Partial<VisitContent>) => {
    setFieldErrors((prev) => {
      const next = { ...prev };
      for (const key of Object.keys(patch) as (keyof VisitContent)[]) delete next[key];
      return next;
    });
    autosave?.controller.update(patch);
  };
  const household = values.household;

  const finish = async () => {
    const flushed = await autosave!.controller.flush();
    if (!flushed && autosave!.controller.pending) {
      modal.warning({ title: '还有未保存的内容', content: '请等页面上方显示“已保存”后再点“完成”。' });
      return;
    }
    try {
      const done = await complete.mutateAsync({ id: detail.id, revision: autosave!.controller.getSnapshot().revision });
      refresh(done);
      void message.success('家访记录已完成,已计入本学年的困难认定');
    } catch (error) {
      if (isApiError(error) && error.issues.length) {
        setFieldErrors(Object.fromEntries(error.issues.map((i) => [i.path.split('.')[0], i.message])));
      }
      modal.error({ title: '还不能完成', content: errorMessage(error) });
    }
  };

  const item = (key: keyof VisitContent) => ({
    label: fieldLabels[key],
    validateStatus: fieldErrors[key] ? ('error' as const) : undefined,
    help: fieldErrors[key],
  });

  return (
    <>
      <StudentHeader detail={detail} />
      <Flex vertical gap={12} style={{ maxWidth: 760 }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <SaveIndicator snapshot={snapshot} lastUpdated={detail.updatedAt} />
        </Flex>
        {snapshot.restore ? (
          <Alert
            type="info"
            showIcon
            data-testid="restore-prompt"
            title={`发现本机保存的未提交内容(${inShanghai(snapshot.restore.savedAt).format('MM-DD HH:mm:ss')})`}
            description="上次填写时网络中断或页面被关闭,这些内容还没有保存到服务器。"
            action={
              <Flex vertical gap={4}>
                <Button size="small" type="primary" onClick={() => autosave?.controller.acceptRestore()}>
                  恢复
                </Button>
                <Button size="small" onClick={() => autosave?.controller.discardRestore()}>
                  丢弃
                </Button>
              </Flex>
            }
          />
        ) : null}
        <PrivacyWarnings detail={detail} />
        <Card size="small" title="基本信息">
          <Form layout="vertical" component="div">
            <Form.Item {...item('visitedOn')} htmlFor="visit-date">
              <DatePicker
                id="visit-date"
                style={{ width: '100%' }}
                inputReadOnly={isMobile}
                value={values.visitedOn ? dayjs(values.visitedOn) : null}
                disabledDate={(d) => d.isAfter(dayjs().tz('Asia/Shanghai'), 'day')}
                onChange={(d) => update({ visitedOn: toPlainDate(d) })}
              />
            </Form.Item>
            <Form.Item {...item('mode')}>
              <Radio.Group
                aria-label="家访方式"
                optionType="button"
                buttonStyle="solid"
                value={values.mode}
                onChange={(e) => update({ mode: e.target.value })}
                options={visitModes.map((m) => ({ value: m, label: visitModeLabels[m] }))}
              />
            </Form.Item>
            <Form.Item {...item('visitors')} htmlFor="visit-visitors" extra="输入姓名后回车,可填写多人">
              <Select
                id="visit-visitors"
                mode="tags"
                open={false}
                suffixIcon={null}
                value={values.visitors}
                onChange={(v: string[]) => update({ visitors: v.map((s) => s.trim()).filter(Boolean) })}
                placeholder="走访人员姓名"
              />
            </Form.Item>
          </Form>
        </Card>
        <Card size="small" title="家庭情况">
          <Form layout="vertical" component="div">
            <Form.Item
              label="家庭人口"
              htmlFor="visit-household-size"
              validateStatus={fieldErrors.household ? 'error' : undefined}
              help={fieldErrors.household}
            >
              <InputNumber
                id="visit-household-size"
                min={1}
                max={30}
                precision={0}
                inputMode="numeric"
                suffix="人"
                style={{ width: 160 }}
                value={household.size}
                onChange={(v) => update({ household: { ...household, size: typeof v === 'number' ? v : null } })}
              />
            </Form.Item>
            <Form.Item label="主要收入来源">
              <Checkbox.Group
                value={household.incomeSources}
                onChange={(v) => update({ household: { ...household, incomeSources: v } })}
                options={incomeSources.map((s) => ({ value: s, label: incomeSourceLabels[s] }))}
              />
            </Form.Item>
            <Form.Item label="特殊情况">
              <Checkbox.Group
                value={household.specialCircumstances}
                onChange={(v) => update({ household: { ...household, specialCircumstances: v } })}
                options={specialCircumstances.map((s) => ({ value: s, label: specialCircumstanceLabels[s] }))}
                style={{ display: 'grid', gridTemplateColumns: isMobile ? '1fr' : '1fr 1fr', gap: 4 }}
              />
            </Form.Item>
            <Form.Item label="补充说明" htmlFor="visit-household-note">
              <Input.TextArea
                id="visit-household-note"
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={1000}
                showCount
                value={household.note}
                onChange={(e) => update({ household: { ...household, note: e.target.value } })}
                placeholder="如:父亲务工,母亲在家照顾老人……(请勿填写身份证号、电话、详细住址)"
              />
            </Form.Item>
          </Form>
        </Card>
        <Card size="small" title="家访情况">
          <Form layout="vertical" component="div">
            <Form.Item {...item('findings')} label="家访发现与结论" htmlFor="visit-findings">
              <Input.TextArea
                id="visit-findings"
                autoSize={{ minRows: 5, maxRows: 16 }}
                maxLength={5000}
                showCount
                value={values.findings}
                onChange={(e) => update({ findings: e.target.value })}
                placeholder="住房、家庭成员健康与就业、学生在家表现、家长诉求、帮扶建议……"
              />
            </Form.Item>
          </Form>
        </Card>
        <PhotoPanel detail={detail} onChanged={(next) => autosave?.controller.syncRevision(next.revision)} />
        <Flex wrap gap={8} justify="space-between">
          <Popconfirm
            title="删除这份家访草稿?"
            description="草稿和已上传的照片都会删除。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={async () => {
              autosave?.controller.dispose();
              await remove.mutateAsync(detail.id);
              localStorage.removeItem(localVisitKey(detail.id));
              void navigate('/home-visits');
            }}
          >
            <AbilityButton ability={detail.abilities.delete} danger icon={<DeleteOutlined />}>
              删除草稿
            </AbilityButton>
          </Popconfirm>
          <AbilityButton
            ability={detail.abilities.complete}
            type="primary"
            icon={<CheckOutlined />}
            loading={complete.isPending}
            onClick={() => void finish()}
            block={isMobile}
            data-testid="complete-visit"
          >
            完成家访
          </AbilityButton>
        </Flex>
      </Flex>
      {snapshot.conflict ? (
        <Modal
          open
          closable={false}
          maskClosable={false}
          title="这份家访记录已在其他页面修改"
          okText="保留我的修改"
          cancelText="使用另一页面的版本"
          onOk={() => autosave?.controller.keepMine()}
          onCancel={() => autosave?.controller.takeTheirs()}
        >
          <Typography.Paragraph>
            在您填写期间,另一页面(或另一台设备)保存了新的内容。双方都修改了:
            {snapshot.conflict.overlapping.map((k) => fieldLabels[k]).join('、') || '无'}。
          </Typography.Paragraph>
        </Modal>
      ) : null}
    </>
  );
}

/** A completed visit (or someone else's view of one): read-only. */
function VisitView({ detail }: { detail: HomeVisitDto }) {
  const isMobile = useIsMobile();
  const h = detail.household;
  return (
    <>
      <StudentHeader detail={detail} />
      <Flex vertical gap={12} style={{ maxWidth: 760 }}>
        {detail.status === 'draft' && detail.abilities.edit.whyNot ? (
          <Alert type="info" showIcon title={messageFor(detail.abilities.edit.whyNot)} />
        ) : null}
        <PrivacyWarnings detail={detail} />
        <Descriptions bordered size="small" column={isMobile ? 1 : 2} styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="家访日期">{formatDate(detail.visitedOn)}</Descriptions.Item>
          <Descriptions.Item label="家访方式">{detail.mode ? visitModeLabels[detail.mode] : '—'}</Descriptions.Item>
          <Descriptions.Item label="走访人员">{detail.visitors.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="学年">{detail.schoolYear ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="家庭人口">{h.size ? `${h.size} 人` : '—'}</Descriptions.Item>
          <Descriptions.Item label="主要收入来源">{h.incomeSources.map((s) => incomeSourceLabels[s]).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="特殊情况" span={isMobile ? 1 : 2}>
            {h.specialCircumstances.map((s) => specialCircumstanceLabels[s]).join('、') || '无'}
          </Descriptions.Item>
          <Descriptions.Item label="补充说明" span={isMobile ? 1 : 2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{h.note || '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="家访情况" span={isMobile ? 1 : 2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{detail.findings || '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="填写人">{detail.createdBy.displayName}</Descriptions.Item>
          <Descriptions.Item label="完成时间">{formatDateTime(detail.completedAt)}</Descriptions.Item>
        </Descriptions>
        <PhotoPanel detail={detail} onChanged={() => undefined} />
      </Flex>
    </>
  );
}
