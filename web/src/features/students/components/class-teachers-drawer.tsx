import { useState } from 'react';
import { Alert, Button, Drawer, Flex, Modal, Select, Table, Tag, Typography } from 'antd';
import type { RosterClassDto } from '../../../../../contracts/roster.ts';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { t } from '../../../locales/zh-CN.ts';
import { useClasses, useSetClassTeachers, useTeacherCandidates } from '../api/students-api.ts';

/** 班主任 per class: the officer picks teachers of the unit; they then see that class's students. */
export function ClassTeachersDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const isMobile = useIsMobile();
  const classes = useClasses(undefined, open);
  const [editing, setEditing] = useState<RosterClassDto | null>(null);

  return (
    <Drawer open={open} onClose={onClose} title="班级与班主任" size={isMobile ? '100%' : 640} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        班主任可以查看本班学生(敏感信息脱敏,可在说明原因后查看联系电话和家庭住址),并为他们记录家访和成长档案。班级来自名册中的“班级”列。
      </Typography.Paragraph>
      <Table<RosterClassDto>
        rowKey="className"
        size="small"
        loading={classes.isFetching}
        dataSource={classes.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: classes.isFetching ? t.loading : '名册中还没有班级,请先导入名册' }}
        columns={[
          {
            title: '班级',
            key: 'className',
            render: (_, c) => (
              <Flex vertical>
                <Typography.Text>{c.className}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.students} 人{c.grades.length ? ` · ${c.grades.join('、')} 年级` : ''}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: '班主任',
            key: 'teachers',
            render: (_, c) =>
              c.teachers.length ? (
                <Flex wrap gap={4}>
                  {c.teachers.map((teacher) => (
                    <Tag key={teacher.id} style={{ marginInlineEnd: 0 }}>
                      {teacher.displayName}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="warning">未设置</Typography.Text>
              ),
          },
          {
            title: t.actions,
            key: 'actions',
            render: (_, c) => (
              <AbilityButton
                size="small"
                ability={c.abilities.assignTeachers}
                onClick={() => setEditing(c)}
                aria-label={`设置${c.className}的班主任`}
              >
                设置
              </AbilityButton>
            ),
          },
        ]}
      />
      {editing ? <TeachersModal klass={editing} onClose={() => setEditing(null)} /> : null}
    </Drawer>
  );
}

function TeachersModal({ klass, onClose }: { klass: RosterClassDto; onClose: () => void }) {
  const candidates = useTeacherCandidates(true);
  const save = useSetClassTeachers();
  const [userIds, setUserIds] = useState<number[]>(klass.teachers.map((teacher) => teacher.id));
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setError(null);
    try {
      await save.mutateAsync({ className: klass.className, userIds });
      notifySuccess(`已更新${klass.className}的班主任`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={`设置班主任:${klass.className}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t.cancel}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
            {t.save}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Select
          mode="multiple"
          aria-label="班主任"
          placeholder="选择本单位的育人导师/班主任"
          loading={candidates.isFetching}
          value={userIds}
          onChange={setUserIds}
          optionFilterProp="label"
          options={(candidates.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}(${u.username})` }))}
          notFoundContent={candidates.isFetching ? t.loading : '本单位还没有“育人导师/班主任”账号,请联系学院管理员开通'}
          style={{ width: '100%' }}
        />
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Flex>
    </Modal>
  );
}
