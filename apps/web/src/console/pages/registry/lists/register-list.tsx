// One register's list: one search box, a unit filter (and, for persons, a category filter), a paged
// table whose rows open the dossier, and the Excel export. The filters live in the URL, so the back
// button from a dossier returns to the same page of the same search.
import { Alert, Card, Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import type { MouseEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { query } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import { serverPagination } from '../../../components/server-paging.ts';
import { ExportButton } from '../shared/export-button.tsx';
import { dossierPath, type Page, type RegisterKind, registerApi } from '../shared/registers.ts';
import { UnitFilter } from '../shared/unit-filter.tsx';
import type { Categories } from '../shared/use-categories.ts';

interface Props<T> {
  kind: RegisterKind;
  columns: TableColumnsType<T>;
  /** Persons only: filter by attention category. */
  categories?: Categories;
}

const PAGE_SIZES = ['20', '50', '100'];

function positive(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function RegisterList<T extends { id: string }>({ kind, columns, categories }: Props<T>) {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const under = params.get('under') ?? undefined;
  const category = params.get('category') ?? undefined;
  const page = positive(params.get('page'), 1);
  const pageSize = positive(params.get('pageSize'), 20);
  const filters = { q: q || undefined, under, category };
  const { data, error, loading } = useApiGet<Page<T>>(
    `${registerApi(kind)}${query({ ...filters, page, pageSize })}`,
  );

  /** Changes some parameters; any filter change goes back to the first page. */
  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const openRow = (row: T) => (event: MouseEvent) => {
    // A link inside the row navigates by itself (and may open a new tab); do not navigate twice.
    if ((event.target as HTMLElement).closest('a')) return;
    navigate(dossierPath(kind, row.id));
  };

  return (
    <Card title={t(`nav.registry.${kind}`)} extra={<ExportButton kind={kind} filters={filters} />}>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={q} // a new search from the URL (back button) resets the box
          defaultValue={q}
          allowClear
          placeholder={t(`registry.search.${kind}`)}
          style={{ width: 420, maxWidth: '100%' }}
          onSearch={(value) => update({ q: value.trim() })}
          data-testid="registry-search"
        />
        <UnitFilter value={under} onChange={(code) => update({ under: code })} testId="registry-unit" />
        {categories && (
          <Select<string>
            allowClear
            placeholder={t('registry.filter.category')}
            style={{ width: 220 }}
            value={category}
            loading={categories.loading}
            options={categories.categories.map((c) => ({ value: c.code, label: categories.nameOf(c.code) }))}
            onChange={(value) => update({ category: value })}
            data-testid="registry-category"
          />
        )}
      </Flex>
      {error !== undefined && (
        <Alert type="error" showIcon title={describeError(error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<T>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        onRow={(row) => ({ onClick: openRow(row), style: { cursor: 'pointer' } })}
        pagination={serverPagination(t, {
          page,
          pageSize,
          total: data?.total,
          pageSizeOptions: PAGE_SIZES,
          onPage: (nextPage, nextSize) => update({ page: nextPage, pageSize: nextSize }),
        })}
        data-testid="registry-table"
      />
    </Card>
  );
}
