// What the case is about: the description and address, the reporter (masked as the server sends it), the
// people concerned linked to their dossiers (a name the reader may not see stays unlinked), and the
// photos when the case has any.
import { Descriptions, Image, Space, Tag, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { RefTag } from '../../registry/dossiers/ref-tag.tsx';
import { casePhotoApi, photoIdsOf, type TCasePage } from '../shared/cases.ts';

export function CaseDetails({ page }: { page: TCasePage }) {
  const t = useT();
  const c = page.case;
  const none = t('common.none');
  const photos = photoIdsOf(page);
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="case-details"
      items={[
        {
          key: 'description',
          label: t('cases.field.description'),
          children: (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {c.description}
            </Typography.Paragraph>
          ),
        },
        { key: 'address', label: t('cases.field.address'), children: c.address ?? none },
        {
          key: 'reporter',
          label: t('cases.field.reporter'),
          children: c.reporter ? (
            <Space size={12} data-testid="case-reporter">
              <span>{c.reporter.name ?? t('cases.reporter.anonymous')}</span>
              {c.reporter.phone && <Typography.Text code>{c.reporter.phone}</Typography.Text>}
            </Space>
          ) : (
            none
          ),
        },
        {
          key: 'persons',
          label: t('cases.field.persons'),
          children:
            c.persons.length === 0
              ? none
              : c.persons.map((p) =>
                  p.name === null ? (
                    <Tag key={p.id}>{t('cases.person.outOfScope', { relation: p.relation })}</Tag>
                  ) : (
                    <RefTag key={p.id} kind="persons" id={p.id} label={p.name} note={p.relation} />
                  ),
                ),
        },
        ...(photos.length > 0
          ? [
              {
                key: 'photos',
                label: t('cases.field.photos'),
                children: (
                  <Image.PreviewGroup>
                    <Space wrap data-testid="case-photos">
                      {photos.map((photo) => (
                        <Image
                          key={photo}
                          src={casePhotoApi(c.id, photo)}
                          width={120}
                          height={90}
                          style={{ objectFit: 'cover', borderRadius: 4 }}
                          alt={t('cases.photoAlt')}
                        />
                      ))}
                    </Space>
                  </Image.PreviewGroup>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
