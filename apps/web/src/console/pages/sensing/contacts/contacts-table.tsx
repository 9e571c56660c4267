// The contacts found, most encounters first: who, what kind, how often and when, where, and the way to
// their dossier.
import type { TContacts } from '@civgrid/contracts';
import { Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { formatMinute } from '../../../../lib/time.ts';
import { DossierLink } from '../shared/dossier-link.tsx';

type Contact = TContacts['contacts'][number];

/** Devices shown in a cell before the rest fold into "+n". */
const SHOWN_DEVICES = 1;

export function ContactsTable({ contacts }: { contacts: Contact[] }) {
  const t = useT();
  const columns: TableColumnsType<Contact> = [
    { title: t('sensing.result.key'), dataIndex: 'key' },
    {
      title: t('sensing.result.type'),
      dataIndex: 'type',
      render: (_, c) => <Tag>{t(`sensing.subjectType.${c.type}`)}</Tag>,
    },
    {
      title: t('sensing.contacts.encounters'),
      dataIndex: 'encounters',
      width: 96,
      sorter: (a, b) => a.encounters - b.encounters,
      defaultSortOrder: 'descend',
    },
    { title: t('sensing.contacts.first'), dataIndex: 'first', render: (_, c) => formatMinute(c.first) },
    { title: t('sensing.contacts.last'), dataIndex: 'last', render: (_, c) => formatMinute(c.last) },
    {
      title: t('sensing.contacts.devices'),
      dataIndex: 'deviceCodes',
      render: (_, c) => (
        <>
          {c.deviceCodes.slice(0, SHOWN_DEVICES).map((code) => (
            <Tag key={code}>{code}</Tag>
          ))}
          {c.deviceCodes.length > SHOWN_DEVICES && (
            <Tooltip title={c.deviceCodes.slice(SHOWN_DEVICES).join('、')}>
              <Tag>+{c.deviceCodes.length - SHOWN_DEVICES}</Tag>
            </Tooltip>
          )}
        </>
      ),
    },
    {
      title: t('sensing.result.dossier'),
      dataIndex: 'dossier',
      fixed: 'end',
      render: (_, c) => <DossierLink dossier={c.dossier} />,
    },
  ];
  return (
    <Table<Contact>
      rowKey={(c) => `${c.type}:${c.key}`}
      size="small"
      columns={columns}
      dataSource={contacts}
      pagination={{
        pageSize: 20,
        showSizeChanger: false,
        showTotal: (total) => t('common.total', { total }),
      }}
      scroll={{ x: 'max-content' }}
      data-testid="contacts-table"
    />
  );
}
