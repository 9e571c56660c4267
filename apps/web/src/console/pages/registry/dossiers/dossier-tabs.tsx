// The lower half of every dossier: its change history, the cases and alerts (which later modules fill;
// their tabs are here now so the dossier's shape does not change then), and, for the registers the
// sensing module records and the users allowed to read it, the sensing timeline.
import { Card, Empty, Tabs, type TabsProps } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { hasPermission } from '../../../nav.ts';
import { useUser } from '../../../session/session-provider.tsx';
import type { RegisterKind } from '../shared/registers.ts';
import type { THistoryEntry } from '../shared/types.ts';
import { HistoryTimeline } from './history-timeline.tsx';
import { SensingTimeline, TIMELINE_KINDS } from './sensing-timeline.tsx';

interface Props {
  kind: RegisterKind;
  history: readonly THistoryEntry[];
  categoryName?: (code: string) => string;
}

export function DossierTabs({ kind, history, categoryName }: Props) {
  const t = useT();
  const user = useUser();
  const pending = (key: 'dossier.casesPending' | 'dossier.alertsPending') => <Empty description={t(key)} />;
  const items: NonNullable<TabsProps['items']> = [
    {
      key: 'history',
      label: t('dossier.history'),
      children: <HistoryTimeline kind={kind} entries={history} categoryName={categoryName} />,
    },
    { key: 'cases', label: t('dossier.cases'), children: pending('dossier.casesPending') },
    { key: 'alerts', label: t('dossier.alerts'), children: pending('dossier.alertsPending') },
  ];
  if (TIMELINE_KINDS.includes(kind) && hasPermission(user, 'insight.query')) {
    // Rendered only once the tab is opened (antd's default), so the purpose is asked only then.
    items.push({ key: 'sensing', label: t('dossier.sensing'), children: <SensingTimeline kind={kind} /> });
  }
  return (
    <Card size="small" styles={{ body: { paddingTop: 0 } }}>
      <Tabs items={items} data-testid="dossier-tabs" />
    </Card>
  );
}
