// A house (房屋): address, use and its residents, masked as the role sees them. From the grid's copy on the
// device; a house outside it is read from the server.
import { Button, Card, ErrorBlock, List, Tag } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router';
import { type GridDocument, houseDossier } from '../field-api.ts';
import { useGrid } from '../grid-store.ts';
import { useFieldI18n } from '../i18n.tsx';
import { useCached } from '../offline/cache.ts';
import { useUser } from '../session.tsx';
import { USE_LABELS } from './building-page.tsx';
import { describeFieldError, ResidentItem, StaleNote } from './shared.tsx';

export function HousePage() {
  const { t } = useFieldI18n();
  const { id = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const grid = useGrid(user);
  const local = grid.doc?.houses.find((h) => h.id === id);
  const remote = useCached(local || (!grid.doc && !grid.error) ? null : `house:${id}`, (signal) =>
    houseDossier(id, signal),
  );

  // One shape for both: the grid's copy, or the dossier made into a small grid document.
  const doc: GridDocument | null = local
    ? grid.doc
    : remote.data
      ? {
          generatedAt: '',
          grids: [],
          buildings: [],
          houses: [{ ...remote.data.house, buildingId: remote.data.house.building?.id ?? null }],
          residents: remote.data.residents.map((p) => ({ ...p, relation: null, houseId: id })),
          care: [],
          categories: grid.doc?.categories ?? [],
        }
      : null;
  const house = doc?.houses.find((h) => h.id === id);
  if (!doc || !house) {
    if (remote.error)
      return <ErrorBlock status="empty" title={describeFieldError(remote.error, t)} description="" />;
    return <div className="field-empty">{t('field.loading')}</div>;
  }
  const residents = doc.residents.filter((r) => r.houseId === id);
  const use = USE_LABELS[house.use];
  return (
    <div data-testid="field-house">
      <StaleNote at={remote.at} isStale={remote.isStale} />
      <Card className="field-card">
        <div className="field-card-title">{house.address}</div>
        <div className="field-mono field-muted">{house.code}</div>
        <div style={{ margin: '8px 0' }}>
          {use && (
            <Tag color="primary" fill="outline">
              {t(use)}
            </Tag>
          )}{' '}
          <Tag color="default" fill="outline">
            {t('field.house.registered', { count: house.registeredResidents })}
          </Tag>
        </div>
        {house.buildingId && (
          <Button size="small" onClick={() => navigate(`/buildings/${house.buildingId}`)}>
            {t('field.house.building')}
          </Button>
        )}
      </Card>
      <List header={t('field.house.residentsHeader', { count: residents.length })}>
        {residents.map((r) => (
          <ResidentItem key={r.id} resident={r} doc={doc} isInHouse />
        ))}
        {residents.length === 0 && <List.Item>{t('field.house.empty')}</List.Item>}
      </List>
    </div>
  );
}
