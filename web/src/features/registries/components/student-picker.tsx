import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useStudentOptions } from '../api/registries-api.ts';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** A student of the unit, searched on the server by 学号 or name. */
export function StudentPicker({
  unitId,
  value,
  onChange,
  id,
}: {
  unitId: number;
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const { data, isFetching } = useStudentOptions(q, unitId);
  const options = (data?.items ?? []).map((s) => ({
    value: s.id,
    label: `${s.name}(${s.studentNo}${s.className ? ` · ${s.className}` : ''})`,
  }));
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder="输入学号或姓名搜索"
      value={value ?? undefined}
      options={options}
      loading={isFetching}
      notFoundContent={isFetching ? '搜索中…' : '没有匹配的学生'}
      onChange={(next: number | undefined) => onChange?.(next ?? null)}
      style={{ width: '100%' }}
    />
  );
}
