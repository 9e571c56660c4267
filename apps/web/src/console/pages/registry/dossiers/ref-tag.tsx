// A link from one dossier to another, as a tag: the way through person ↔ house ↔ building ↔ vehicles
// ↔ devices ↔ organisations.
import { Tag } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { dossierPath, type RegisterKind } from '../shared/registers.ts';

/** Stable test ids, one per kind of target. */
const TEST_IDS: Record<RegisterKind, string> = {
  persons: 'link-person',
  houses: 'link-house',
  buildings: 'link-building',
  vehicles: 'link-vehicle',
  devices: 'link-device',
  organisations: 'link-organisation',
};

const COLOURS: Record<RegisterKind, string> = {
  persons: 'blue',
  houses: 'cyan',
  buildings: 'geekblue',
  vehicles: 'purple',
  devices: 'magenta',
  organisations: 'green',
};

interface Props {
  kind: RegisterKind;
  id: string;
  label: string;
  /** Shown after the label, dimmed (a code, a relation). */
  note?: string | null;
}

export function RefTag({ kind, id, label, note }: Props) {
  return (
    // Long labels (addresses) wrap inside the tag rather than push the card wider.
    <Tag color={COLOURS[kind]} style={{ marginInlineEnd: 6, marginBlockEnd: 4, whiteSpace: 'normal' }}>
      <Link to={dossierPath(kind, id)} data-testid={TEST_IDS[kind]}>
        {label}
        {note ? <span style={{ opacity: 0.65 }}> · {note}</span> : null}
      </Link>
    </Tag>
  );
}

type TargetRef = Pick<Props, 'id' | 'label'>;

/** A reference a record may lack (a house's building, a vehicle's owner): its tag, or "none". */
export function OptionalRefTag({ kind, target }: { kind: RegisterKind; target: TargetRef | null }) {
  const t = useT();
  return target ? <RefTag kind={kind} id={target.id} label={target.label} /> : t('common.none');
}
