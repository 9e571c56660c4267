// The steps this user can take on the case now, one button each; a button opens the step's form. After a
// step the page shows the case as the server answered it.
import type { CaseStep } from '@civgrid/domain';
import { App, Button, Empty, Flex } from 'antd';
import { useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { useUser } from '../../../session/session-provider.tsx';
import type { TCasePage } from '../shared/cases.ts';
import { availableSteps, IRREVERSIBLE, isNextStep } from './available-steps.ts';
import { StepDialog } from './step-dialog.tsx';
import { useStepLabel } from './use-step-label.ts';

interface Props {
  page: TCasePage;
  now: number;
  onChanged: (page: TCasePage) => void;
  reload: () => void;
}

export function ActionsPanel({ page, now, onChanged, reload }: Props) {
  const t = useT();
  const label = useStepLabel();
  const user = useUser();
  const { message: toast } = App.useApp();
  const [open, setOpen] = useState<CaseStep | null>(null);
  const steps = availableSteps(page, user, now);

  if (steps.length === 0)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t(page.case.isOpen ? 'cases.actions.noneNow' : 'cases.actions.closed')}
        data-testid="case-no-actions"
      />
    );
  return (
    <>
      <Flex wrap gap={8} data-testid="case-actions">
        {steps.map((step, index) => (
          <Button
            key={step}
            type={index === 0 && isNextStep(step, page) ? 'primary' : 'default'}
            danger={IRREVERSIBLE.has(step)}
            onClick={() => setOpen(step)}
            data-testid={`step-${step}`}
          >
            {label(step)}
          </Button>
        ))}
      </Flex>
      {open && (
        <StepDialog
          step={open}
          page={page}
          user={user}
          onClose={() => setOpen(null)}
          onDone={(next) => {
            setOpen(null);
            onChanged(next);
            toast.success(t('cases.step.done', { step: label(open) }));
          }}
          onStale={() => {
            setOpen(null);
            toast.warning(t('cases.step.stale'));
            reload();
          }}
        />
      )}
    </>
  );
}
