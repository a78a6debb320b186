import { useState } from 'react';
import { Button, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keyTargetFlagLabels, keyTargetFlags, type KeyTargetDto, type KeyTargetFlag } from '../../../../../contracts/key-targets.ts';
import { schoolYearOf } from '../../../../../contracts/school-year.ts';
import { SchoolYearSelect } from '../../../components/school-year-select.tsx';
import { AbilityButton } from '../../../components/ability-button.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { serverPagination } from '../../../components/server-pagination.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useAbilities } from '../../../lib/session.tsx';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { useClearFlag, useEndMentor, useKeyTargets, type KeyTargetsFilter } from '../api/key-targets-api.ts';
import { AssignMentorModal } from '../components/assign-mentor-modal.tsx';
import { FlagStudentModal } from '../components/flag-student-modal.tsx';
import { ReasonModal } from '../components/reason-modal.tsx';

export default function KeyTargetsPage() {
  const isMobile = useIsMobile();
  const abilities = useAbilities();
  const [filter, setFilter] = useState<KeyTargetsFilter>({ schoolYear: schoolYearOf(new Date()), page: 1, pageSize: 20 });
  const { data, isFetching } = useKeyTargets(filter);
  const change = (patch: Partial<KeyTargetsFilter>) => setFilter((prev) => ({ ...prev, ...patch, page: patch.page ?? 1 }));
  const [flagging, setFlagging] = useState<{ student: { id: number; label: string } | null } | null>(null);
  const [assigning, setAssigning] = useState<KeyTargetDto | null>(null);
  const [clearing, setClearing] = useState<number | null>(null);
  const [ending, setEnding] = useState<number | null>(null);
  const clearFlag = useClearFlag();
  const endMentor = useEndMentor();
  const canManage = abilities.manageRoster;

  const columns: TableColumnsType<KeyTargetDto> = [
    {
      title: '学生',
      key: 'student',
      render: (_, k) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{k.name}</Typography.Text>
          <Typography.Text type="secondary">
            {k.studentNo} · {k.grade} 年级 {k.className ?? ''}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '单位', dataIndex: 'unitName', responsive: ['lg'] },
    { title: '困难等级', dataIndex: 'levelName', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    {
      title: '帮扶类型 / 责任部门',
      key: 'flags',
      render: (_, k) => (
        <Space size={[4, 4]} wrap>
          {k.flags.map((f) => (
            <Tooltip key={f.id} title={f.note ?? undefined}>
              <Tag
                color="volcano"
                closable={f.abilities.clear.allowed}
                onClose={(e) => {
                  e.preventDefault();
                  setClearing(f.id);
                }}
              >
                {keyTargetFlagLabels[f.flag]} · {f.department}
              </Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    {
      title: '育人导师',
      key: 'mentors',
      render: (_, k) =>
        k.mentors.length === 0 ? (
          <Tag color="red">尚无导师</Tag>
        ) : (
          <Space size={[4, 4]} wrap>
            {k.mentors.map((m) => (
              <Tag
                key={m.id}
                color={m.isLead ? 'blue' : undefined}
                closable={m.abilities.end.allowed}
                onClose={(e) => {
                  e.preventDefault();
                  setEnding(m.id);
                }}
              >
                {m.mentorName}
                {m.isLead ? '(主)' : ''}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, k) => (
        <Space wrap>
          <AbilityButton size="small" ability={k.abilities.assignMentor} onClick={() => setAssigning(k)}>
            安排导师
          </AbilityButton>
          <AbilityButton
            size="small"
            ability={k.abilities.flag}
            onClick={() => setFlagging({ student: { id: k.studentId, label: `${k.studentNo} ${k.name}` } })}
          >
            添加类型
          </AbilityButton>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="重点帮扶对象" description="已认定的家庭经济困难学生中需重点帮扶的,每人须有育人导师" />
      <div className="yz-filters" role="search">
        <SchoolYearSelect value={filter.schoolYear} onChange={(schoolYear) => change({ schoolYear })} />
        <Select
          aria-label="帮扶类型"
          placeholder="全部帮扶类型"
          allowClear
          value={filter.flag}
          onChange={(flag: KeyTargetFlag | undefined) => change({ flag })}
          options={keyTargetFlags.map((f) => ({ value: f, label: keyTargetFlagLabels[f] }))}
        />
        <Input.Search
          aria-label="搜索学生"
          placeholder="学号或姓名"
          allowClear
          onSearch={(value) => change({ q: value.trim() || undefined })}
        />
        <Space>
          <Switch
            aria-label="只看尚无导师的"
            checked={filter.withoutMentor === 'true'}
            onChange={(checked) => change({ withoutMentor: checked ? 'true' : undefined })}
          />
          <span>只看尚无导师的</span>
        </Space>
        {canManage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setFlagging({ student: null })}
            style={{ width: isMobile ? '100%' : 'auto' }}
          >
            标记重点帮扶对象
          </Button>
        ) : null}
      </div>
      <Table<KeyTargetDto>
        rowKey="studentId"
        size={isMobile ? 'small' : 'middle'}
        loading={isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: filter.withoutMentor ? '所有重点帮扶对象都已安排育人导师' : '本学年暂无重点帮扶对象' }}
        pagination={serverPagination(isMobile, filter, data?.total, (next) => change(next))}
      />
      <FlagStudentModal
        open={flagging !== null}
        schoolYear={filter.schoolYear}
        student={flagging?.student ?? null}
        onClose={() => setFlagging(null)}
      />
      <AssignMentorModal
        student={assigning ? { id: assigning.studentId, name: assigning.name } : null}
        hasLead={assigning?.mentors.some((m) => m.isLead) ?? false}
        onClose={() => setAssigning(null)}
      />
      <ReasonModal
        title="解除帮扶标记"
        open={clearing !== null}
        pending={clearFlag.isPending}
        onClose={() => setClearing(null)}
        onSubmit={(reason) =>
          clearFlag.mutate(
            { flagId: clearing!, reason },
            {
              onSuccess: () => {
                notifySuccess('已解除');
                setClearing(null);
              },
            },
          )
        }
      />
      <ReasonModal
        title="结束导师安排"
        open={ending !== null}
        pending={endMentor.isPending}
        onClose={() => setEnding(null)}
        onSubmit={(reason) =>
          endMentor.mutate(
            { assignmentId: ending!, reason },
            {
              onSuccess: () => {
                notifySuccess('已结束');
                setEnding(null);
              },
            },
          )
        }
      />
    </>
  );
}
