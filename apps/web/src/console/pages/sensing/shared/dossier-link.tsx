// The register entry behind a query result, as a link to its dossier (or a note that there is none:
// an unregistered plate, a phone no one registered).
import type { TCollision } from '@civgrid/contracts';
import { Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { RefTag } from '../../registry/dossiers/ref-tag.tsx';
import type { RegisterKind } from '../../registry/shared/registers.ts';

type Dossier = TCollision['subjects'][number]['dossier'];

const REGISTER_OF: Record<NonNullable<Dossier>['kind'], RegisterKind> = {
  person: 'persons',
  vehicle: 'vehicles',
  device: 'devices',
};

export function DossierLink({ dossier }: { dossier: Dossier }) {
  const t = useT();
  if (!dossier) return <Typography.Text type="secondary">{t('sensing.noDossier')}</Typography.Text>;
  return <RefTag kind={REGISTER_OF[dossier.kind]} id={dossier.id} label={t('sensing.openDossier')} />;
}

/** The console path of a dossier, for a click elsewhere than a link (a graph node). */
export function dossierRoute(dossier: NonNullable<Dossier>): string {
  return `/registry/${REGISTER_OF[dossier.kind]}/${encodeURIComponent(dossier.id)}`;
}
