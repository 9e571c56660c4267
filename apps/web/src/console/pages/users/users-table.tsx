import type { TUser, TUserList } from '@civgrid/contracts';
import { Button, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { formatTime } from '../../../lib/time.ts';
import { serverPagination } from '../../components/server-paging.ts';
import { UserStatusTag } from './user-status-tag.tsx';
import { UserToggleButton } from './user-toggle-button.tsx';

interface Props {
  list: TUserList | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  canManage: boolean;
  onPage: (page: number, pageSize: number) => void;
  onEdit: (user: TUser) => void;
  onChanged: () => void;
}

export function UsersTable({ list, loading, page, pageSize, canManage, onPage, onEdit, onChanged }: Props) {
  const t = useT();
  const columns: TableColumnsType<TUser> = [
    { title: t('users.username'), dataIndex: 'username', width: 140 },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.role'), dataIndex: 'role', render: (_, user) => t(`role.${user.role}`) },
    {
      title: t('users.scope'),
      dataIndex: ['scope', 'name'],
      render: (_, user) => (
        <Space size={4}>
          {user.scope.name}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {user.scope.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 100,
      render: (_, user) => <UserStatusTag user={user} />,
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 180,
      render: (_, user) => formatTime(user.lastLoginAt) ?? t('users.neverLoggedIn'),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onEdit(user)}>
            {t('users.edit')}
          </Button>
          <UserToggleButton user={user} onChanged={onChanged} />
        </Space>
      ),
    });
  }

  return (
    <Table<TUser>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={list?.items ?? []}
      loading={loading}
      data-testid="users-table"
      pagination={serverPagination(t, { page, pageSize, total: list?.total, onPage })}
    />
  );
}
