// The head of the case page: tracking number, status, priority, category path, who holds it and since
// which level, the deadlines (late ones in red), and banners for supervision (督办) and instructions from
// the level above.
import { CASE_LEVEL_LABELS, CASE_SOURCE_LABELS } from '@civgrid/domain';
import { Alert, Descriptions, Flex, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { formatMinute } from '../../../../lib/time.ts';
import { CaseStatusTag, HolderTag, PriorityTag } from '../shared/case-tags.tsx';
import type { TCasePage } from '../shared/cases.ts';
import { Deadline } from '../shared/deadline.tsx';
import type { CaseCategories } from '../shared/use-case-categories.ts';
import { useMessage } from '../shared/use-message.ts';

interface Props {
  page: TCasePage;
  categories: CaseCategories;
  now: number;
}

export function CaseHeader({ page, categories, now }: Props) {
  const t = useT();
  const message = useMessage();
  const c = page.case;
  const none = t('common.none');
  const path = c.categoryPath.length > 0 ? c.categoryPath : [c.category.code];
  const isCaseLate = c.isOpen && Date.parse(c.dueAt) < now;
  return (
    <Flex vertical gap={12}>
      {c.supervision && (
        <Alert
          type="error"
          showIcon
          data-testid="case-supervision"
          title={t('cases.supervision.banner', { level: message(CASE_LEVEL_LABELS[c.supervision.level]) })}
          description={
            <>
              <div>{c.supervision.note}</div>
              <Typography.Text type="secondary">
                {t('cases.supervision.since', { at: formatMinute(c.supervision.at) })}
                {c.supervision.dueAt
                  ? ` · ${t('cases.supervision.due', { at: formatMinute(c.supervision.dueAt) })}`
                  : ''}
              </Typography.Text>
            </>
          }
        />
      )}
      {c.instructions && c.isOpen && (
        <Alert
          type="warning"
          showIcon
          title={t('cases.instructions.banner')}
          description={c.instructions}
          data-testid="case-instructions"
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        data-testid="case-header"
        items={[
          {
            key: 'status',
            label: t('cases.field.status'),
            children: (
              <span data-testid="case-status" data-status={c.status}>
                <CaseStatusTag status={c.status} />
                <PriorityTag priority={c.priority} />
                {c.round > 1 && (
                  <Typography.Text type="secondary">{t('cases.round', { round: c.round })}</Typography.Text>
                )}
              </span>
            ),
          },
          {
            key: 'category',
            label: t('cases.field.category'),
            children: path.map((code) => categories.nameOf(code)).join(' / '),
          },
          { key: 'source', label: t('cases.field.source'), children: message(CASE_SOURCE_LABELS[c.source]) },
          {
            key: 'holder',
            label: t('cases.field.holderLevel'),
            children: (
              <span>
                <HolderTag level={c.holderLevel} />
                {c.originLevel !== c.holderLevel && (
                  <Typography.Text type="secondary">
                    {t('cases.originLevel', { level: message(CASE_LEVEL_LABELS[c.originLevel]) })}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { key: 'opened', label: t('cases.field.openedAt'), children: formatMinute(c.openedAt) },
          {
            key: 'stepDue',
            label: t('cases.field.stepDueAt'),
            children: <Deadline at={c.stepDueAt} isOverdue={c.isOverdue} />,
          },
          {
            key: 'due',
            label: t('cases.field.dueAt'),
            children: <Deadline at={c.dueAt} isOverdue={isCaseLate} />,
          },
          {
            key: 'escalations',
            label: t('cases.field.escalations'),
            children:
              c.escalations || c.reopenCount
                ? t('cases.escalationsCount', { escalations: c.escalations, reopens: c.reopenCount })
                : none,
          },
          {
            key: 'closed',
            label: t('cases.field.closedAt'),
            children: c.closedAt ? formatMinute(c.closedAt) : none,
          },
          ...(c.evaluation
            ? [
                {
                  key: 'evaluation',
                  label: t('cases.field.evaluation'),
                  children: t('cases.evaluation.text', {
                    rating: c.evaluation.rating,
                    by: t(
                      c.evaluation.by === 'resident' ? 'cases.evaluation.resident' : 'cases.evaluation.staff',
                    ),
                    comment: c.evaluation.comment ?? '',
                  }),
                },
              ]
            : c.evaluationDueAt
              ? [
                  {
                    key: 'evaluationDue',
                    label: t('cases.field.evaluationDueAt'),
                    children: formatMinute(c.evaluationDueAt),
                  },
                ]
              : []),
        ]}
      />
    </Flex>
  );
}
