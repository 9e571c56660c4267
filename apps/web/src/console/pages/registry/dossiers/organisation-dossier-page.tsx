// A community organisation (六位一体): its unit, its building and its contact (phone masked).
import { ORG_LEVELS, type OrgLevel } from '@civgrid/domain';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { LevelTag } from '../../org/level-tag.tsx';
import { MaskedText } from '../shared/masked-text.tsx';
import type { TOrganisationDossier } from '../shared/types.ts';
import { RecordDossier } from './record-dossier.tsx';
import { OptionalRefTag } from './ref-tag.tsx';

// The contract types the unit's level as a string; only a known level gets its coloured tag.
function isOrgLevel(level: string): level is OrgLevel {
  return (ORG_LEVELS as readonly string[]).includes(level);
}

export function OrganisationDossierPage() {
  const t = useT();
  const none = t('common.none');
  return (
    <RecordDossier<TOrganisationDossier>
      kind="organisations"
      title={(d) => d.organisation.name}
      record={({ organisation: o }) => [
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
          children: <OptionalRefTag kind="buildings" target={o.building} />,
        },
        { key: 'contactName', label: t('field.organisations.contactName'), children: o.contactName ?? none },
        {
          key: 'contactPhone',
          label: t('field.organisations.contactPhone'),
          children: <MaskedText value={o.contactPhone} />,
        },
      ]}
    />
  );
}
