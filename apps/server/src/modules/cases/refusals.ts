// A step the domain refused, answered with its code and zh/en message. A refusal of *who* (403) is
// audited like any forbidden action; a refusal of *when* (409) or *what* (400) is the caller's mistake
// about the case and is not.
import type { CaseRejection } from '@civgrid/domain';
import type { Actor } from '../../platform/actor.ts';
import { auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

export async function refuse(
  ctx: Context,
  actor: Actor,
  rejection: CaseRejection,
  step: string,
  target?: { id: string; orgPath: string },
): Promise<never> {
  if (rejection.code === 'CASE_STEP_FORBIDDEN')
    await auditAlone(
      ctx.db,
      actor,
      {
        action: 'access.forbidden',
        outcome: 'denied',
        targetType: target ? 'case_file' : null,
        targetId: target?.id ?? null,
        ...(target ? { orgPath: target.orgPath } : {}),
        details: { wanted: `case.${step}`, rule: rejection.rule },
      },
      ctx.now(),
    );
  const code = rejection.code === 'INVALID_FIELD' ? 'VALIDATION_FAILED' : rejection.code;
  throw new AppError(code, rejection.field, rejection.message);
}
