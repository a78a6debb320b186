import { Button, Card, DatePicker, Flex, Input, Popconfirm, Select, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { dayjs, toPlainDate } from '../../../lib/time.ts';
import { useIsMobile } from '../../../lib/use-is-mobile.ts';
import { emptyStudent, incompleteStudentRows, type StudentDraft } from '../lib/draft-content.ts';

const gradeOptions = [4, 5, 1, 2, 3, 6].map((g) => ({ value: g, label: `${g} 年级` }));
const programmeOptions = ['五年制高职', '三年制高职', '中职'].map((p) => ({ value: p, label: p }));

type Props = {
  students: StudentDraft[];
  onChange: (next: StudentDraft[]) => void;
  readOnly: boolean;
  /** Ambassador track: exactly one nominee. */
  single?: boolean;
  /** Problems of the submit check by row ("students.0.consentAt"). */
  problems?: Map<string, string>;
};

type Field = keyof StudentDraft;

const labels: Record<Field, string> = {
  name: '姓名',
  studentNo: '学号',
  programme: '学制',
  grade: '年级',
  major: '专业',
  className: '班级',
  consentAt: '同意公开日期',
  consentNote: '同意情况说明',
};

/** One input of a row, the same on the table and on a phone card. */
function StudentInputField({
  row,
  index,
  field,
  set,
  readOnly,
}: {
  row: StudentDraft;
  index: number;
  field: Field;
  set: (patch: Partial<StudentDraft>) => void;
  readOnly: boolean;
}) {
  const aria = `第 ${index + 1} 名学生${labels[field]}`;
  if (field === 'grade') {
    return (
      <Select
        aria-label={aria}
        value={row.grade ?? undefined}
        placeholder="年级"
        options={gradeOptions}
        onChange={(grade: number) => set({ grade })}
        disabled={readOnly}
        style={{ width: '100%', minWidth: 90 }}
      />
    );
  }
  if (field === 'programme') {
    return (
      <Select
        aria-label={aria}
        value={row.programme}
        options={programmeOptions}
        onChange={(programme: string) => set({ programme })}
        disabled={readOnly}
        style={{ width: '100%', minWidth: 120 }}
      />
    );
  }
  if (field === 'consentAt') {
    return (
      <DatePicker
        aria-label={aria}
        value={row.consentAt ? dayjs(row.consentAt) : null}
        onChange={(d) => set({ consentAt: toPlainDate(d) })}
        disabled={readOnly}
        placeholder="选择日期"
        style={{ width: '100%', minWidth: 130 }}
      />
    );
  }
  const value = row[field] ?? '';
  const optional = field === 'major' || field === 'className' || field === 'consentNote';
  return (
    <Input
      aria-label={aria}
      value={value}
      maxLength={field === 'consentNote' ? 200 : field === 'major' || field === 'className' ? 60 : 40}
      onChange={(e) => set({ [field]: optional && e.target.value === '' ? null : e.target.value } as Partial<StudentDraft>)}
      disabled={readOnly}
      placeholder={labels[field]}
      style={{ minWidth: field === 'consentNote' ? 160 : 90 }}
    />
  );
}

/** The students a case names (or the one nominee), each with the date they agreed to publicity. */
export function StudentsEditor({ students, onChange, readOnly, single, problems }: Props) {
  const isMobile = useIsMobile();
  const incomplete = new Set(incompleteStudentRows(students));
  const setRow = (index: number, patch: Partial<StudentDraft>) => onChange(students.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const remove = (index: number) => onChange(students.filter((_, i) => i !== index));
  const add = () => onChange([...students, emptyStudent()]);
  const fields: Field[] = ['name', 'studentNo', 'programme', 'grade', 'major', 'className', 'consentAt', 'consentNote'];
  const rowProblems = (index: number) =>
    [...(problems ?? [])].filter(([field]) => field === `students.${index}` || field.startsWith(`students.${index}.`)).map(([, m]) => m);

  const removeButton = (index: number) =>
    readOnly ? null : (
      <Popconfirm title="删除这名学生?" okText="删除" cancelText="取消" onConfirm={() => remove(index)}>
        <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第 ${index + 1} 名学生`} />
      </Popconfirm>
    );

  const rowNotes = (index: number) => {
    const notes = [...rowProblems(index)];
    if (incomplete.has(index)) notes.unshift('姓名、学号、学制、年级填写完整后才会保存到服务器(已先保存在本机)。');
    return notes.length ? (
      <Flex vertical>
        {notes.map((n) => (
          <Typography.Text key={n} type="danger" style={{ fontSize: 12 }}>
            {n}
          </Typography.Text>
        ))}
      </Flex>
    ) : null;
  };

  const columns: TableColumnsType<StudentDraft & { index: number }> = [
    ...fields.map((field) => ({
      title: labels[field],
      key: field,
      render: (_: unknown, row: StudentDraft & { index: number }) => (
        <StudentInputField row={row} index={row.index} field={field} set={(p) => setRow(row.index, p)} readOnly={readOnly} />
      ),
    })),
    ...(readOnly ? [] : [{ title: '', key: 'remove', width: 48, render: (_: unknown, row: { index: number }) => removeButton(row.index) }]),
  ];

  const canAdd = !readOnly && (!single || students.length === 0);
  const rows = students.map((s, index) => ({ ...s, index }));

  return (
    <Flex vertical gap={12}>
      {isMobile ? (
        rows.map((row) => (
          <Card
            key={row.index}
            size="small"
            title={single ? '被推荐学生' : `学生 ${row.index + 1}`}
            extra={removeButton(row.index)}
            data-testid="student-card"
          >
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <div key={field}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {labels[field]}
                  </Typography.Text>
                  <StudentInputField row={row} index={row.index} field={field} set={(p) => setRow(row.index, p)} readOnly={readOnly} />
                </div>
              ))}
              {rowNotes(row.index)}
            </Flex>
          </Card>
        ))
      ) : rows.length ? (
        <Table
          size="small"
          rowKey="index"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (row) => rowNotes(row.index),
            rowExpandable: (row) => rowNotes(row.index) !== null,
            expandedRowKeys: rows.filter((r) => rowNotes(r.index) !== null).map((r) => r.index),
            showExpandColumn: false,
          }}
        />
      ) : null}
      {rows.length === 0 ? <Typography.Text type="secondary">{single ? '尚未填写被推荐学生。' : '尚未添加学生。'}</Typography.Text> : null}
      {canAdd ? (
        <Button icon={<PlusOutlined />} onClick={add} style={{ alignSelf: 'flex-start' }}>
          {single ? '填写被推荐学生' : '添加学生'}
        </Button>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        活动对象为五年制高职四、五年级学生;学生的故事须取得本人同意后方可公开宣传,请填写同意日期。
      </Typography.Text>
    </Flex>
  );
}
