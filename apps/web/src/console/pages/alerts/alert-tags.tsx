// What the alert pages show alike: the server's zh/en labels in the UI's language, status and severity
// tags, and a subject named as far as the viewer may see it.
import { Tag } from 'antd';
import { Link } from 'react-router';
import { useLang, useT } from '../../../i18n/i18n-provider.tsx';
import { SEVERITY_COLORS, STATUS_COLORS, type TAlertSummary, type TMessage } from './types.ts';

/** Picks the server's message in the UI's language. */
export function useLocalised(): (message: TMessage) => string {
  const { lang } = useLang();
  return (message) => (lang === 'en' ? message.en : message.zh);
}

export function StatusTag({ alert }: { alert: Pick<TAlertSummary, 'status' | 'statusLabel'> }) {
  const localised = useLocalised();
  return (
    <Tag color={STATUS_COLORS[alert.status]} data-testid="alert-status" data-status={alert.status}>
      {localised(alert.statusLabel)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: TAlertSummary['severity'] }) {
  const t = useT();
  return <Tag color={SEVERITY_COLORS[severity]}>{t(`alerts.severity.${severity}`)}</Tag>;
}

const DOSSIER_KINDS = { person: 'persons', vehicle: 'vehicles', device: 'devices' } as const;

/** The subject's name, linked to its dossier when the alert gives its id; the house when there is none. */
export function SubjectText({ alert, isLinked = false }: { alert: TAlertSummary; isLinked?: boolean }) {
  const t = useT();
  const subject = alert.subject;
  if (!subject) return alert.houseCode ? t('alerts.subject.house', { code: alert.houseCode }) : null;
  if (subject.kind === 'identity') {
    return subject.label ?? t('alerts.subject.identity', { ref: subject.ref ?? '' });
  }
  const text = [subject.label, subject.idNumberMask].filter(Boolean).join(' ') || subject.id || '';
  if (!isLinked || !subject.id) return text;
  return (
    <Link to={`/registry/${DOSSIER_KINDS[subject.kind]}/${subject.id}`} data-testid="alert-subject-link">
      {text}
    </Link>
  );
}
