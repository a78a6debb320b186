import type { TablePaginationConfig } from 'antd';
import { t } from '../locales/zh-CN.ts';

/** Pagination of a table whose pages come from the server; compact on phones. */
export function serverPagination(
  isMobile: boolean,
  page: { page?: number; pageSize?: number },
  total: number | undefined,
  onChange: (next: { page: number; pageSize: number }) => void,
): TablePaginationConfig {
  return {
    current: page.page,
    pageSize: page.pageSize,
    total: total ?? 0,
    showSizeChanger: !isMobile,
    showTotal: isMobile ? undefined : t.totalItems,
    simple: isMobile,
    onChange: (next, pageSize) => onChange({ page: next, pageSize }),
  };
}
