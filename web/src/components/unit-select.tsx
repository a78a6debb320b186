import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../contracts/common.ts';
import type { UnitDto } from '../../../contracts/units.ts';
import { regionLabels } from '../../../contracts/regions.ts';
import { api } from '../lib/api-client.ts';
import { useDebounced } from '../lib/use-debounced.ts';

type UnitOption = { id: number; name: string };

type Props = {
  value?: number | null;
  onChange?: (value: number | null, unit: UnitOption | null) => void;
  /** Label for the current value before the search has loaded it (edit forms). */
  known?: UnitOption | null;
  placeholder?: string;
  allowClear?: boolean;
  /** Unit ids not to offer (e.g. the other side of a pairing). */
  exclude?: number[];
  id?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
};

/** Unit picker that searches on the server (name or code), for forms and filters. */
export function UnitSelect({
  value,
  onChange,
  known,
  placeholder = '搜索单位名称或代码',
  allowClear = true,
  exclude,
  id,
  style,
  ...rest
}: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['unit-options', q],
    queryFn: ({ signal }) => api<Page<UnitDto>>('/units', { query: { q, page: 1, pageSize: 50 }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const options = useMemo(() => {
    const list: { value: number; label: string; unit: UnitOption }[] = [];
    const seen = new Set<number>();
    for (const unit of data?.items ?? []) {
      if (exclude?.includes(unit.id)) continue;
      seen.add(unit.id);
      const region = unit.region ? ` · ${regionLabels[unit.region]}` : '';
      list.push({ value: unit.id, label: `${unit.name}(${unit.code}${region})`, unit: { id: unit.id, name: unit.name } });
    }
    if (known && !seen.has(known.id)) list.unshift({ value: known.id, label: known.name, unit: known });
    return list;
  }, [data, known, exclude]);

  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      placeholder={placeholder}
      value={value ?? undefined}
      loading={isFetching}
      options={options}
      notFoundContent={isFetching ? '搜索中…' : '没有匹配的单位'}
      onChange={(next: number | undefined) => {
        const option = options.find((o) => o.value === next);
        onChange?.(next ?? null, option?.unit ?? null);
      }}
      onClear={() => setSearch('')}
      style={{ width: '100%', ...style }}
    />
  );
}
