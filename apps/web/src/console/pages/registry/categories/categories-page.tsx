// 关注类别管理 (administrators): the categories a person can be placed in, their names in both
// languages, the care limit the analysis uses, and whether they can still be assigned.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Switch, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import type { TAttentionCategory } from '../shared/types.ts';
import { useCategories } from '../shared/use-categories.ts';
import { CategoryFormDialog } from './category-form-dialog.tsx';

type Dialog = { kind: 'closed' } | { kind: 'create' } | { kind: 'edit'; category: TAttentionCategory };

export function CategoriesPage() {
  const t = useT();
  const { message } = App.useApp();
  const { categories, loading, error, reload } = useCategories();
  const [dialog, setDialog] = useState<Dialog>({ kind: 'closed' });
  const [toggling, setToggling] = useState<string | null>(null);

  const toggle = async (category: TAttentionCategory, isActive: boolean) => {
    setToggling(category.code);
    try {
      await api.patch(`/api/v1/registry/categories/${encodeURIComponent(category.code)}`, { isActive });
      reload();
    } catch (reason) {
      message.error(describeError(reason, t));
    } finally {
      setToggling(null);
    }
  };

  const columns: TableColumnsType<TAttentionCategory> = [
    { title: t('categories.code'), dataIndex: 'code' },
    { title: t('categories.nameZh'), dataIndex: 'nameZh' },
    { title: t('categories.nameEn'), dataIndex: 'nameEn' },
    {
      title: t('categories.careLimit'),
      dataIndex: 'careLimitHours',
      render: (_, c) => c.careLimitHours ?? t('categories.noLimit'),
    },
    {
      title: t('categories.active'),
      dataIndex: 'isActive',
      render: (_, c) => (
        <Switch
          size="small"
          checked={c.isActive}
          loading={toggling === c.code}
          onChange={(checked) => toggle(c, checked)}
          aria-label={t('categories.active')}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', category: c })}>
          {t('categories.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('categories.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDialog({ kind: 'create' })}
          data-testid="category-create"
        >
          {t('categories.create')}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t('categories.note')} style={{ marginBottom: 16 }} />
      {error !== undefined && (
        <Alert type="error" showIcon title={describeError(error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<TAttentionCategory>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={categories}
        loading={loading}
        pagination={false}
        data-testid="categories-table"
      />
      {dialog.kind !== 'closed' && (
        <CategoryFormDialog
          category={dialog.kind === 'edit' ? dialog.category : undefined}
          onClose={() => setDialog({ kind: 'closed' })}
          onSaved={() => {
            setDialog({ kind: 'closed' });
            reload();
          }}
        />
      )}
    </Card>
  );
}
