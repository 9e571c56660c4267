// Tables whose rows the server pages: the page and size the next request asks for, and antd's
// pagination for them.
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import type { Translate } from '../../i18n/lang.ts';

/** Page and page size kept in component state; `setPage(1)` when a filter changes. */
export function usePaging(initialSize: number) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialSize);
  const onPage = (nextPage: number, nextSize: number) => {
    setPage(nextPage);
    setPageSize(nextSize);
  };
  return { page, pageSize, setPage, onPage };
}

interface Paged {
  page: number;
  pageSize: number;
  /** How many rows the server has in all (0 until it has answered). */
  total: number | undefined;
  onPage: (page: number, pageSize: number) => void;
  pageSizeOptions?: string[];
}

export function serverPagination(
  t: Translate,
  { page, pageSize, total, onPage, pageSizeOptions }: Paged,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    ...(pageSizeOptions && { pageSizeOptions }),
    showTotal: (all) => t('common.total', { total: all }),
    // A new page size starts again at page 1: the old page number means other rows at another size.
    onChange: (nextPage, nextSize) => onPage(nextSize === pageSize ? nextPage : 1, nextSize),
  };
}
