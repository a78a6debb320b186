import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useActorOptions } from '../api/audit-api.ts';

export function ActorSelect({ value, onChange }: { value?: number; onChange: (id: number | undefined) => void }) {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const { data, isFetching } = useActorOptions(q);
  return (
    <Select
      aria-label="按操作人筛选"
      placeholder="操作人(搜索姓名或用户名)"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      loading={isFetching}
      onChange={(id: number | undefined) => onChange(id)}
      notFoundContent={isFetching ? '搜索中…' : '没有匹配的用户'}
      style={{ width: '100%' }}
      options={(data?.items ?? []).map((user) => ({ value: user.id, label: `${user.displayName}(${user.username})` }))}
    />
  );
}
