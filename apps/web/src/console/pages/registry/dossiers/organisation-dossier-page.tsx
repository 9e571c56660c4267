// A community organisation (六位一体): its unit, its building and its contact (phone masked).
import { ORG_LEVELS, type OrgLevel } from '@civgrid/domain';
import { Card, Descriptions } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { LevelTag } from '../../org/level-tag.tsx';
import { MaskedText } from '../shared/masked-text.tsx';
import type { TOrganisationDossier } from '../shared/types.ts';
import { DossierFrame } from './dossier-frame.tsx';
import { DossierTabs } from './dossier-tabs.tsx';
import { RefTag } from './ref-tag.tsx';
import { useDossier } from './use-dossier.ts';

// The contract types the unit's level as a string; only a known level gets its coloured tag.
function isOrgLevel(level: string): level is OrgLevel {
  return (ORG_LEVELS as readonly string[]).includes(level);
}

export function OrganisationDossierPage() {
  const t = useT();
  const state = useDossier<TOrganisationDossier>('organisations');
  const none = t('common.none');
  return (
    <DossierFrame kind="organisations" state={state} title={(d) => d.organisation.name}>
      {({ organisation: o, history }) => (
        <>
          <Card title={t('dossier.record')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'code', label: t('field.organisations.code'), children: o.code },
                { key: 'kind', label: t('field.organisations.kind'), children: t(`enum.orgKind.${o.kind}`) },
                { key: 'name', label: t('field.organisations.name'), children: o.name },
                {
                  key: 'unit',
                  label: t('field.organisations.unit'),
                  children: (
                    <>
                      {isOrgLevel(o.unit.level) && <LevelTag level={o.unit.level} />}
                      {o.unit.name} ({o.unit.code})
                    </>
                  ),
                },
                {
                  key: 'building',
                  label: t('field.organisations.building'),
                  children: o.building ? (
                    <RefTag kind="buildings" id={o.building.id} label={o.building.label} />
                  ) : (
                    none
                  ),
                },
                {
                  key: 'contactName',
                  label: t('field.organisations.contactName'),
                  children: o.contactName ?? none,
                },
                {
                  key: 'contactPhone',
                  label: t('field.organisations.contactPhone'),
                  children: <MaskedText value={o.contactPhone} />,
                },
              ]}
            />
          </Card>
          <DossierTabs kind="organisations" history={history} />
        </>
      )}
    </DossierFrame>
  );
}
