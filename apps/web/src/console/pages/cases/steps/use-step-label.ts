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
    (step: CaseStep) => {
      const label = step === 'evaluate' ? t('cases.step.evaluateStaff') : message(STEP_RULES[step].label);
      // The domain words steps for use inside a sentence ("split and assign"); a button starts upper-case.
      return label.charAt(0).toUpperCase() + label.slice(1);
    },
    [t, message],
  );
}
