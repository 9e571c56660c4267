// A building (楼栋): its facts and its houses by unit, each with its residents' count. From the grid's copy
// on the device; a building outside it (a police officer's wider jurisdiction) is read from the server.
import { Button, Card, ErrorBlock, List, Tag } from 'antd-mobile';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { FieldMessageKey } from '../../i18n/field-app-zh-CN.ts';
import { buildingDossier, type GridBuilding, type GridHouse } from '../field-api.ts';
import { useGrid } from '../grid-store.ts';
import { useFieldI18n } from '../i18n.tsx';
import { useCached } from '../offline/cache.ts';
import { useUser } from '../session.tsx';
import { describeFieldError, StaleNote } from './shared.tsx';

export const USE_LABELS: Record<string, FieldMessageKey> = {
  'owner-occupied': 'field.house.use.owner-occupied',
  rented: 'field.house.use.rented',
  vacant: 'field.house.use.vacant',
  business: 'field.house.use.business',
};

export function BuildingPage() {
  const { t } = useFieldI18n();
  const { id = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const grid = useGrid(user);
  const local = grid.doc?.buildings.find((b) => b.id === id);
  const remote = useCached(local || (!grid.doc && !grid.error) ? null : `building:${id}`, (signal) =>
    buildingDossier(id, signal),
  );

  const building: GridBuilding | undefined = local ?? remote.data?.building;
  const houses: GridHouse[] = useMemo(() => {
    if (local) return grid.doc!.houses.filter((h) => h.buildingId === id);
    return (remote.data?.houses ?? []).map((h) => ({ ...h, buildingId: h.building?.id ?? null }));
  }, [local, grid.doc, remote.data, id]);
  const residentsByHouse = useMemo(() => {
    const counts = new Map<string, number>();
    for (const r of grid.doc?.residents ?? [])
      if (r.houseId) counts.set(r.houseId, (counts.get(r.houseId) ?? 0) + 1);
    for (const h of remote.data?.houses ?? []) counts.set(h.id, h.residents);
    return counts;
  }, [grid.doc, remote.data]);
  const units = useMemo(() => {
    const byUnit = new Map<number, GridHouse[]>();
    for (const h of houses) {
      const unit = h.unit ?? 0;
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), h]);
    }
    return [...byUnit.entries()].sort((a, b) => a[0] - b[0]);
  }, [houses]);

  if (!building) {
    if (remote.error)
      return <ErrorBlock status="empty" title={describeFieldError(remote.error, t)} description="" />;
    return <div className="field-empty">{t('field.loading')}</div>;
  }
  const residents = houses.reduce((sum, h) => sum + (residentsByHouse.get(h.id) ?? 0), 0);
  return (
    <div data-testid="field-building">
      <StaleNote at={remote.at} isStale={remote.isStale} />
      <Card className="field-card">
        <div className="field-card-title" data-testid="field-building-name">
          {building.name}
        </div>
        <div className="field-mono field-muted" data-testid="field-building-code">
          {building.code}
        </div>
        <div className="field-muted">{building.address}</div>
        <div className="field-stats">
          <div>
            <b>{building.units}</b>
            <span>{t('field.building.units')}</span>
          </div>
          <div>
            <b>{building.floors}</b>
            <span>{t('field.building.floors')}</span>
          </div>
          <div>
            <b>{houses.length}</b>
            <span>{t('field.grid.houses')}</span>
          </div>
          <div>
            <b>{residents}</b>
            <span>{t('field.grid.residents')}</span>
          </div>
        </div>
        <Button
          block
          color="primary"
          fill="outline"
          onClick={() => navigate(`/report?building=${encodeURIComponent(building.id)}`)}
        >
          {t('field.building.report')}
        </Button>
      </Card>
      {units.map(([unit, list]) => (
        <List key={unit} header={unit ? t('field.building.unit', { unit }) : t('field.building.noUnit')}>
          {list.map((h) => {
            const count = residentsByHouse.get(h.id) ?? 0;
            const use = USE_LABELS[h.use];
            return (
              <List.Item
                key={h.id}
                onClick={() => navigate(`/houses/${h.id}`)}
                extra={t('field.house.residents', { count })}
                data-testid="field-house-item"
              >
                {h.room ?? h.code}{' '}
                {use && (
                  <Tag color={h.use === 'rented' ? 'warning' : 'default'} fill="outline">
                    {t(use)}
                  </Tag>
                )}
              </List.Item>
            );
          })}
        </List>
      ))}
    </div>
  );
}
