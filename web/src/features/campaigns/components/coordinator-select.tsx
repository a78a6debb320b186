import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useCoordinatorOptions } from '../api/campaigns-api.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';

type Person = { id: number; displayName: string };

/** Searches active users holding the 类别牵头人 role (name, username, phone or e-mail). */
export function CoordinatorSelect({
  value,
  onChange,
  known,
  id,
  'aria-label': ariaLabel,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  known?: Person | null;
  id?: string;
  'aria-label'?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const { data, isFetching } = useCoordinatorOptions(q);
  const options = useMemo(() => {
    const list = (data?.items ?? []).map((u) => ({
      value: u.id,
      label: `${u.displayName}(${u.username}${u.unit ? ` · ${u.unit.name}` : ''})`,
    }));
    if (known && !list.some((o) => o.value === known.id)) list.unshift({ value: known.id, label: known.displayName });
    return list;
  }, [data, known]);
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder="搜索类别牵头人姓名或账号"
      value={value ?? undefined}
      loading={isFetching}
      options={options}
      notFoundContent={isFetching ? '搜索中…' : '没有匹配的类别牵头人(须在用户管理中具有“类别牵头人”角色)'}
      onChange={(next: number | undefined) => onChange?.(next ?? null)}
      onClear={() => setSearch('')}
      style={{ width: '100%' }}
    />
  );
}
