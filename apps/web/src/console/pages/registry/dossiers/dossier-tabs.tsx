// The lower half of every dossier: its change history, and the cases, alerts and sensing timeline,
// which the later modules fill; their tabs are here now so the dossier's shape does not change then.
import { Card, Empty, Tabs } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { RegisterKind } from '../shared/registers.ts';
import type { THistoryEntry } from '../shared/types.ts';
import { HistoryTimeline } from './history-timeline.tsx';

interface Props {
  kind: RegisterKind;
  history: readonly THistoryEntry[];
  categoryName?: (code: string) => string;
}

export function DossierTabs({ kind, history, categoryName }: Props) {
  const t = useT();
  const pending = (key: 'dossier.casesPending' | 'dossier.alertsPending' | 'dossier.sensingPending') => (
    <Empty description={t(key)} />
  );
  return (
    <Card size="small" styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        items={[
          {
            key: 'history',
            label: t('dossier.history'),
            children: <HistoryTimeline kind={kind} entries={history} categoryName={categoryName} />,
          },
          { key: 'cases', label: t('dossier.cases'), children: pending('dossier.casesPending') },
          { key: 'alerts', label: t('dossier.alerts'), children: pending('dossier.alertsPending') },
          { key: 'sensing', label: t('dossier.sensing'), children: pending('dossier.sensingPending') },
        ]}
      />
    </Card>
  );
}
