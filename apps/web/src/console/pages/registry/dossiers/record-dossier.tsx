// The dossier page of every register but persons (whose page adds reveal, tags and rights): the
// record's fields in one card, the related rows the register has, then the history tabs.
import { Card, Descriptions, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { RegisterKind } from '../shared/registers.ts';
import type { THistoryEntry } from '../shared/types.ts';
import { DossierFrame } from './dossier-frame.tsx';
import { DossierTabs } from './dossier-tabs.tsx';
import { useDossier } from './use-dossier.ts';

interface Props<T> {
  kind: Exclude<RegisterKind, 'persons'>;
  title: (data: T) => ReactNode;
  extra?: (data: T) => ReactNode;
  record: (data: T) => DescriptionsProps['items'];
  /** Between the record and the history: cards of related rows (a house's residents). */
  sections?: (data: T) => ReactNode;
}

export function RecordDossier<T extends { history: THistoryEntry[] }>({
  kind,
  title,
  extra,
  record,
  sections,
}: Props<T>) {
  const t = useT();
  const state = useDossier<T>(kind);
  return (
    <DossierFrame kind={kind} state={state} title={title} extra={extra}>
      {(data) => (
        <>
          <DossierSection title={t('dossier.record')}>
            <Descriptions column={{ xs: 1, md: 2, xl: 3 }} items={record(data)} />
          </DossierSection>
          {sections?.(data)}
          <DossierTabs kind={kind} history={data.history} />
        </>
      )}
    </DossierFrame>
  );
}

/** One card of a dossier, spaced like the others. */
export function DossierSection({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
}

/** A point as the dossiers show it: six decimals, about ten centimetres, as precise as it is held. */
export function lngLat({ lng, lat }: { lng: number; lat: number }): string {
  return `${lng.toFixed(6)}, ${lat.toFixed(6)}`;
}
