// My month so far (本月考核): the sheet the centre assesses me on — attendance, patrol coverage, work done
// and residents' ratings, with the score and grade they give. Read-only; the centre decides.
import { Card, ProgressBar, Tag } from 'antd-mobile';
import { useFieldI18n } from '../i18n.tsx';
import { useCached } from '../offline/cache.ts';

interface Sheet {
  month: string;
  score: number | null;
  gradeLabel: { zh: string; en: string } | null;
  grade: string | null;
  daily: { present: number; required: number };
  patrol: { week: string; coverage: number | null; distanceM: number }[];
  performance: { casesReported: number; tasksOnTime: number; tasksLate: number; alertsOnTime: number };
  residents: { count: number; mean: number | null };
}

const GRADE_COLOR: Record<string, 'success' | 'primary' | 'warning' | 'danger'> = {
  excellent: 'success',
  good: 'primary',
  pass: 'warning',
  fail: 'danger',
};

export function AssessmentCard() {
  const { t, side } = useFieldI18n();
  const sheet = useCached<Sheet>('/api/v1/field/assessments/mine');
  const data = sheet.data;
  if (!data) return null;
  const week = data.patrol.at(-1);
  const distance = data.patrol.reduce((sum, w) => sum + w.distanceM, 0);
  return (
    <Card className="field-card" title={t('field.assessment.title', { month: data.month })}>
      <div className="field-grid-head">
        <div className="field-score">{data.score === null ? '—' : data.score.toFixed(1)}</div>
        {data.gradeLabel && data.grade && (
          <Tag color={GRADE_COLOR[data.grade] ?? 'default'} fill="solid">
            {data.gradeLabel[side]}
          </Tag>
        )}
      </div>
      <div className="field-muted field-gap">
        {t('field.assessment.daily', { present: data.daily.present, required: data.daily.required })}
      </div>
      <ProgressBar percent={data.daily.required ? (100 * data.daily.present) / data.daily.required : 0} />
      <div className="field-muted field-gap">
        {t('field.assessment.patrol', {
          coverage: week?.coverage === null || week === undefined ? '—' : Math.round(week.coverage * 100),
          km: (distance / 1000).toFixed(1),
        })}
      </div>
      <div className="field-muted">
        {t('field.assessment.work', {
          reported: data.performance.casesReported,
          onTime: data.performance.tasksOnTime,
          alerts: data.performance.alertsOnTime,
        })}
      </div>
      {data.residents.mean !== null && (
        <div className="field-muted">
          {t('field.assessment.residents', {
            mean: data.residents.mean.toFixed(1),
            count: data.residents.count,
          })}
        </div>
      )}
    </Card>
  );
}
