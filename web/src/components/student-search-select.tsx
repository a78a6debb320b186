import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../contracts/common.ts';
import type { StudentDto } from '../../../contracts/students.ts';
import { api } from '../lib/api-client.ts';
import { useDebounced } from '../lib/use-debounced.ts';

export type StudentOption = { id: number; name: string; studentNo: string; className: string | null };

type Props = {
  /** Only this unit's students (the institute admin choosing for a unit); otherwise everyone the user may see. */
  unitId?: number;
  value?: number | null;
  onChange?: (value: number | null, student: StudentOption | null) => void;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
};

const label = (s: StudentOption) => `${s.name}(${s.studentNo}${s.className ? ` · ${s.className}` : ''})`;

/**
 * Student picker that searches the roster on the server (学号 prefix or name),
 * within what the user may see: a class teacher finds their own classes only.
 */
export function StudentSearchSelect({ unitId, value, onChange, placeholder = '输入姓名或学号搜索', id, style, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['student-options', q, unitId],
    queryFn: ({ signal }) => api<Page<StudentDto>>('/students', { query: { q, unitId, page: 1, pageSize: 30 }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = useMemo(
    () =>
      (data?.items ?? []).map((s) => {
        const student = { id: s.id, name: s.name, studentNo: s.studentNo, className: s.className };
        return { value: s.id, label: label(student), student };
      }),
    [data],
  );
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={placeholder}
      value={value ?? undefined}
      loading={isFetching}
      options={options}
      notFoundContent={isFetching ? '搜索中…' : '没有可选的学生'}
      onChange={(v?: number) => onChange?.(v ?? null, options.find((o) => o.value === v)?.student ?? null)}
      style={{ width: '100%', ...style }}
    />
  );
}
