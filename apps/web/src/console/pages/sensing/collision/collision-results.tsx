// The subjects a collision found: who (as the server may show them), which conditions they matched,
// how many events, and the way to their dossier.
import type { TCollision } from '@civgrid/contracts';
import { Alert, Empty, Table, type TableColumnsType, Tag } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { DossierLink } from '../shared/dossier-link.tsx';
import { conditionColour } from './conditions.ts';

type Subject = TCollision['subjects'][number];

export function CollisionResults({ result }: { result: TCollision }) {
  const t = useT();
  const columns: TableColumnsType<Subject> = [
    { title: t('sensing.result.key'), dataIndex: 'key' },
    {
      title: t('sensing.collision.matched'),
      dataIndex: 'matched',
      sorter: (a, b) => a.matched.length - b.matched.length,
      render: (_, s) =>
        s.matched.map((i) => (
          <Tag key={i} color={conditionColour(i)}>
            {t('sensing.collision.condition', { n: i + 1 })}
          </Tag>
        )),
    },
    {
      title: t('sensing.result.events'),
      dataIndex: 'events',
      width: 96,
      sorter: (a, b) => a.events - b.events,
    },
    {
      title: t('sensing.result.dossier'),
      dataIndex: 'dossier',
      render: (_, s) => <DossierLink dossier={s.dossier} />,
    },
  ];
  return (
    <>
      {result.truncated && (
        <Alert type="warning" showIcon title={t('sensing.result.truncated')} style={{ marginBottom: 12 }} />
      )}
      {result.subjects.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('sensing.collision.empty')}
          data-testid="collision-empty"
        />
      ) : (
        <Table<Subject>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={result.subjects}
          pagination={{
            pageSize: 20,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
          }}
          scroll={{ x: 'max-content' }}
          data-testid="collision-results"
        />
      )}
    </>
  );
}
