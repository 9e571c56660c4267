// My grid (我的网格): the grid's buildings, the people in care categories, and a search over buildings,
// houses and residents — all from the device's copy, which is read again when the network allows.
import { Button, Card, ErrorBlock, List, SearchBar, Tabs, Tag } from 'antd-mobile';
import { ScanCodeOutline } from 'antd-mobile-icons';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { GridDocument } from '../field-api.ts';
import { shortTime } from '../format.ts';
import { gridStore, useGrid } from '../grid-store.ts';
import { useFieldI18n } from '../i18n.tsx';
import { useUser } from '../session.tsx';
import { GridMap } from './grid-map.tsx';
import { describeFieldError, ResidentItem } from './shared.tsx';

const MAX_RESULTS = 50;

function search(doc: GridDocument, text: string) {
  const q = text.trim().toLowerCase();
  if (!q) return null;
  const has = (value: string | null | undefined) => (value ?? '').toLowerCase().includes(q);
  return {
    buildings: doc.buildings
      .filter((b) => has(b.code) || has(b.name) || has(b.address))
      .slice(0, MAX_RESULTS),
    houses: doc.houses.filter((h) => has(h.code) || has(h.address)).slice(0, MAX_RESULTS),
    residents: doc.residents.filter((r) => has(r.name) || r.idNumber.endsWith(q)).slice(0, MAX_RESULTS),
  };
}

export function GridPage() {
  const { t, side } = useFieldI18n();
  const user = useUser();
  const navigate = useNavigate();
  const grid = useGrid(user);
  const [text, setText] = useState('');
  const doc = grid.doc;
  const found = useMemo(() => (doc ? search(doc, text) : null), [doc, text]);
  const housesByBuilding = useMemo(() => {
    const counts = new Map<string, number>();
    for (const h of doc?.houses ?? [])
      if (h.buildingId) counts.set(h.buildingId, (counts.get(h.buildingId) ?? 0) + 1);
    return counts;
  }, [doc]);
  const care = useMemo(() => {
    if (!doc) return [];
    const names = new Map(doc.categories.map((c) => [c.code, c]));
    const byId = new Map(doc.residents.map((r) => [r.id, r]));
    return doc.care
      .map((c) => ({ ...c, person: byId.get(c.personId), category: names.get(c.category) }))
      .filter((c) => c.person)
      .sort((a, b) => (b.category?.careLimitHours ?? 0) - (a.category?.careLimitHours ?? 0));
  }, [doc]);

  if (!doc) {
    if (grid.error)
      return (
        <ErrorBlock status="disconnected" title={describeFieldError(grid.error, t)} description="">
          <Button color="primary" onClick={() => void gridStore.refresh()}>
            {t('field.action.retry')}
          </Button>
        </ErrorBlock>
      );
    return <div className="field-empty">{t('field.grid.loading')}</div>;
  }

  return (
    <div data-testid="field-grid">
      <Card className="field-card">
        <div className="field-grid-head">
          <div>
            <div className="field-grid-name" data-testid="field-grid-name">
              {doc.grids.map((g) => g.name).join('、')}
            </div>
            <div className="field-muted">
              {grid.at
                ? t(grid.isStale ? 'field.grid.cachedAt' : 'field.grid.updatedAt', {
                    time: shortTime(grid.at),
                  })
                : ''}
            </div>
          </div>
          <Button size="small" loading={grid.loading} onClick={() => void gridStore.refresh()}>
            {t('field.action.refresh')}
          </Button>
        </div>
        <div className="field-stats">
          <div>
            <b>{doc.buildings.length}</b>
            <span>{t('field.grid.buildings')}</span>
          </div>
          <div>
            <b>{doc.houses.length}</b>
            <span>{t('field.grid.houses')}</span>
          </div>
          <div>
            <b>{doc.residents.length}</b>
            <span>{t('field.grid.residents')}</span>
          </div>
          <div>
            <b>{new Set(doc.care.map((c) => c.personId)).size}</b>
            <span>{t('field.grid.care')}</span>
          </div>
        </div>
        {doc.isPartial && <div className="field-muted">{t('field.grid.partial')}</div>}
        <GridMap doc={doc} />
      </Card>
      <div className="field-row">
        <SearchBar
          placeholder={t('field.grid.search')}
          value={text}
          onChange={setText}
          style={{ flex: 1 }}
          data-testid="field-grid-search"
        />
        <Button size="small" onClick={() => navigate('/scan')} data-testid="field-open-scan">
          <ScanCodeOutline /> {t('field.grid.scan')}
        </Button>
      </div>
      {found ? (
        <List header={t('field.grid.results')}>
          {found.buildings.map((b) => (
            <List.Item key={`b${b.id}`} onClick={() => navigate(`/buildings/${b.id}`)} description={b.code}>
              {b.name}
            </List.Item>
          ))}
          {found.houses.map((h) => (
            <List.Item key={`h${h.id}`} onClick={() => navigate(`/houses/${h.id}`)} description={h.code}>
              {h.address}
            </List.Item>
          ))}
          {found.residents.map((r) => (
            <ResidentItem key={`r${r.id}`} resident={r} doc={doc} />
          ))}
          {found.buildings.length + found.houses.length + found.residents.length === 0 && (
            <List.Item>{t('field.grid.noResults')}</List.Item>
          )}
        </List>
      ) : (
        <Tabs defaultActiveKey="buildings">
          <Tabs.Tab title={t('field.grid.tab.buildings')} key="buildings">
            <List>
              {doc.buildings.map((b) => (
                <List.Item
                  key={b.id}
                  onClick={() => navigate(`/buildings/${b.id}`)}
                  description={`${b.code} · ${t('field.building.summary', {
                    units: b.units,
                    floors: b.floors,
                    houses: housesByBuilding.get(b.id) ?? 0,
                  })}`}
                  data-testid="field-building-item"
                >
                  {b.name}
                </List.Item>
              ))}
            </List>
          </Tabs.Tab>
          <Tabs.Tab title={t('field.grid.tab.care')} key="care">
            <List>
              {care.map((c) => (
                <ResidentItem
                  key={`${c.personId}-${c.category?.code}`}
                  resident={c.person!}
                  doc={doc}
                  extra={
                    <Tag color={c.category?.careLimitHours ? 'warning' : 'primary'} fill="outline">
                      {c.category?.name[side] ?? ''}
                    </Tag>
                  }
                />
              ))}
              {care.length === 0 && <List.Item>{t('field.grid.noCare')}</List.Item>}
            </List>
          </Tabs.Tab>
        </Tabs>
      )}
    </div>
  );
}
