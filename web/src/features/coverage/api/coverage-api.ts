import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CoverageQuery, CoverageReport, CoverageSettings, DrillDown, DrillDownQuery } from '../../../../../contracts/coverage.ts';
import { api, apiBlob } from '../../../lib/api-client.ts';
import { saveBlob } from '../../../lib/download.ts';

export function useCoverage(query: CoverageQuery) {
  return useQuery({
    queryKey: ['coverage', query],
    queryFn: ({ signal }) => api<CoverageReport>('/coverage', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDrillDown(unitId: number | null, query: DrillDownQuery | null) {
  return useQuery({
    queryKey: ['coverage', 'missing', unitId, query],
    queryFn: ({ signal }) => api<DrillDown>(`/coverage/units/${unitId}/missing`, { query: query!, signal }),
    enabled: unitId !== null && query !== null,
  });
}

export async function downloadCoverage(query: CoverageQuery): Promise<void> {
  const file = await apiBlob('/coverage/export', { query });
  saveBlob(file.blob, file.filename ?? '六个全覆盖情况.xlsx');
}

export function useSaveCoverageSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CoverageSettings) => api<CoverageSettings>('/coverage/settings', { method: 'PUT', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['coverage'] }),
  });
}
