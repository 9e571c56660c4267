import type { TAuditEntry } from '@civgrid/contracts';
import { Tag } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';

type Outcome = TAuditEntry['outcome'];
const COLOURS: Record<Outcome, string> = { ok: 'green', denied: 'orange', failed: 'red' };

export function OutcomeTag({ outcome }: { outcome: Outcome }) {
  const t = useT();
  return <Tag color={COLOURS[outcome]}>{t(`audit.outcome.${outcome}`)}</Tag>;
}
