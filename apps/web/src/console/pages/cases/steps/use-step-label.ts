// A step's name on a button or a dialog: the domain's, except the rating, which staff record on a
// call-back (回访) rather than give as the resident (群众评价).
import { type CaseStep, STEP_RULES } from '@civgrid/domain';
import { useCallback } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { useMessage } from '../shared/use-message.ts';

export function useStepLabel(): (step: CaseStep) => string {
  const t = useT();
  const message = useMessage();
  return useCallback(
    (step: CaseStep) =>
      step === 'evaluate' ? t('cases.step.evaluateStaff') : message(STEP_RULES[step].label),
    [t, message],
  );
}
