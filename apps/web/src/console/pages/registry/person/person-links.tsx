// Where the person lives and what is linked to them: house, building, household, vehicles, devices,
// organisations; each a link to its own dossier.
import { Card, Descriptions, Flex } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { OptionalRefTag, RefTag } from '../dossiers/ref-tag.tsx';
import { RefTags } from '../dossiers/ref-tags.tsx';
import type { TPersonDossier } from '../shared/types.ts';

export function PersonLinks({ dossier }: { dossier: TPersonDossier }) {
  const t = useT();
  const none = t('common.none');
  const { house, building, household } = dossier;
  return (
    <Card title={t('dossier.links')} size="small">
      <Descriptions
        column={1}
        items={[
          {
            key: 'house',
            label: t('dossier.house'),
            children: <OptionalRefTag kind="houses" target={house} />,
          },
          {
            key: 'building',
            label: t('dossier.building'),
            children: <OptionalRefTag kind="buildings" target={building} />,
          },
          {
            key: 'household',
            label: t('dossier.household'),
            children:
              household.length === 0 ? (
                none
              ) : (
                <Flex wrap>
                  {household.map((member) => (
                    <RefTag
                      key={member.id}
                      kind="persons"
                      id={member.id}
                      label={member.name}
                      note={member.relation}
                    />
                  ))}
                </Flex>
              ),
          },
          {
            key: 'vehicles',
            label: t('dossier.vehicles'),
            children: <RefTags kind="vehicles" refs={dossier.vehicles} />,
          },
          {
            key: 'devices',
            label: t('dossier.devices'),
            children: <RefTags kind="devices" refs={dossier.devices} />,
          },
          {
            key: 'organisations',
            label: t('dossier.organisations'),
            children: <RefTags kind="organisations" refs={dossier.organisations} />,
          },
        ]}
      />
    </Card>
  );
}
