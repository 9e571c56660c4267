// 用户管理: the accounts within the caller's scope; administrators also create, edit and disable them.
import { PlusOutlined } from '@ant-design/icons';
import type { TUser, TUserList } from '@civgrid/contracts';
import { ROLES, type Role } from '@civgrid/domain';
import { Alert, Button, Card, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { query } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { usePaging } from '../../components/server-paging.ts';
import { hasPermission } from '../../nav.ts';
import { useUser } from '../../session/session-provider.tsx';
import { UserFormDialog } from './user-form-dialog.tsx';
import { UsersTable } from './users-table.tsx';

/** Which dialog is open: none, a new user, or an existing one. */
type Dialog = { kind: 'closed' } | { kind: 'create' } | { kind: 'edit'; user: TUser };

export function UsersPage() {
  const t = useT();
  const canManage = hasPermission(useUser(), 'user.manage');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const { page, pageSize, setPage, onPage } = usePaging(20);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'closed' });
  const { data, error, loading, reload } = useApiGet<TUserList>(
    `/api/v1/users${query({ page, pageSize, q, role })}`,
  );

  return (
    <Card
      title={t('users.title')}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          style={{ width: 280 }}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          data-testid="users-search"
        />
        <Select<Role>
          allowClear
          placeholder={t('users.roleFilter')}
          style={{ width: 220 }}
          value={role}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          onChange={(value) => {
            setRole(value);
            setPage(1);
          }}
          data-testid="users-role-filter"
        />
      </Flex>
      {error !== undefined && (
        <Alert type="error" showIcon title={describeError(error, t)} style={{ marginBottom: 16 }} />
      )}
      <UsersTable
        list={data}
        loading={loading}
        page={page}
        pageSize={pageSize}
        canManage={canManage}
        onPage={onPage}
        onEdit={(user) => setDialog({ kind: 'edit', user })}
        onChanged={reload}
      />
      {dialog.kind !== 'closed' && (
        <UserFormDialog
          user={dialog.kind === 'edit' ? dialog.user : undefined}
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
