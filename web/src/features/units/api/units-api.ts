import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  CreatePairingInput,
  CreateUnitInput,
  ListUnitsQuery,
  PairingDto,
  UnitDto,
  UpdateUnitInput,
} from '../../../../../contracts/units.ts';
import { api } from '../../../lib/api-client.ts';

export type UnitsFilter = Partial<ListUnitsQuery>;

export function useUnits(filter: UnitsFilter) {
  return useQuery({
    queryKey: ['units', filter],
    queryFn: ({ signal }) => api<Page<UnitDto>>('/units', { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUnits() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['units'] });
    void client.invalidateQueries({ queryKey: ['unit-options'] });
    void client.invalidateQueries({ queryKey: ['pairings'] });
    void client.invalidateQueries({ queryKey: ['dashboard-total'] });
  };
}

export function useSaveUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: CreateUnitInput | UpdateUnitInput }) =>
      id === null
        ? api<UnitDto>('/units', { method: 'POST', body: input })
        : api<UnitDto>(`/units/${id}`, { method: 'PATCH', body: input }),
    onSuccess: invalidate,
  });
}

export function usePairings() {
  return useQuery({
    queryKey: ['pairings'],
    queryFn: ({ signal }) => api<PairingDto[]>('/pairings', { signal }),
  });
}

export function useCreatePairing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePairingInput) => api<PairingDto>('/pairings', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['pairings'] }),
  });
}

export function useDeletePairing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/pairings/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['pairings'] }),
  });
}
