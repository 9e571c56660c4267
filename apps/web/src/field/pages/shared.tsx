// Small pieces several field screens share.
import { List, Tag } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { FieldMessageKey } from '../../i18n/field-app-zh-CN.ts';
import { ApiError } from '../../lib/api.ts';
import type { GridDocument, GridResident } from '../field-api.ts';
import { shortTime } from '../format.ts';
import { type FieldTranslate, useFieldI18n } from '../i18n.tsx';

/** A sentence for the user: the server's own (localised) message, or a generic one. */
export function describeFieldError(error: unknown, t: FieldTranslate): string {
  if (error instanceof ApiError) {
    if (error.isNetwork) return t('field.error.network');
    if (error.message) return error.message;
  }
  return t('field.error.unknown');
}

const HOUSEHOLD: Record<string, FieldMessageKey> = {
  registered: 'field.resident.registered',
  floating: 'field.resident.floating',
  overseas: 'field.resident.overseas',
};

/** One resident: name, masked identity and phone, household type and categories; opens the house. */
export function ResidentItem({
  resident,
  doc,
  extra,
  isInHouse = false,
}: {
  resident: GridResident;
  doc: GridDocument;
  extra?: ReactNode;
  /** Listed on its own house's page: no address, no link, the relation to the householder instead. */
  isInHouse?: boolean;
}) {
  const { t, side } = useFieldI18n();
  const navigate = useNavigate();
  const house =
    resident.houseId && !isInHouse ? doc.houses.find((h) => h.id === resident.houseId) : undefined;
  const names = new Map(doc.categories.map((c) => [c.code, c.name[side]]));
  const key = HOUSEHOLD[resident.householdType];
  return (
    <List.Item
      onClick={house ? () => navigate(`/houses/${house.id}`) : undefined}
      extra={extra}
      description={
        <>
          <div className="field-mono">
            {resident.idNumber}
            {resident.phone ? ` · ${resident.phone}` : ''}
          </div>
          {house && <div>{house.address}</div>}
        </>
      }
      data-testid="field-resident"
    >
      {resident.name}{' '}
      {isInHouse && resident.relation && <span className="field-muted">{resident.relation} </span>}
      {key && (
        <Tag color="default" fill="outline">
          {t(key)}
        </Tag>
      )}{' '}
      {!extra &&
        resident.categories.map((c) => (
          <Tag key={c} color="warning" fill="outline">
            {names.get(c) ?? c}
          </Tag>
        ))}
    </List.Item>
  );
}

/** "Shown from the device's copy of <time>" when the server did not answer. */
export function StaleNote({ at, isStale }: { at: number | null; isStale: boolean }) {
  const { t } = useFieldI18n();
  if (!isStale || at === null) return null;
  return <div className="field-stale">{t('field.cache.stale', { time: shortTime(at) })}</div>;
}

/** A tag saying an action waits in the outbox. */
export function QueuedTag() {
  const { t } = useFieldI18n();
  return (
    <Tag color="warning" fill="solid" data-testid="field-queued">
      {t('field.outbox.queued')}
    </Tag>
  );
}
