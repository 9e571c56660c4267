// Residents' rights under PIPL arts. 44–47: a copy of everything held on them, a correction, a deletion.
// Each request is recorded with its reason and its outcome; a refusal records why.
import type { TPersonUpdate } from '@civgrid/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { appendAudit } from '../../../platform/audit.ts';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from './repository.ts';
import { personDossier, personOr404, updatePerson } from './service.ts';

export interface RightsInput {
  kind: 'export' | 'correction' | 'deletion';
  reason: string;
  decision: 'done' | 'refused';
  refusalReason?: string;
  changes?: TPersonUpdate;
}

export async function handleRightsRequest(ctx: Context, actor: Actor, personId: string, input: RightsInput) {
  if (input.decision === 'refused' && !input.refusalReason) {
    throw new AppError('VALIDATION_FAILED', 'refusalReason', {
      zh: '拒绝须说明理由',
      en: 'refusalReason: a refusal needs a reason',
    });
  }
  if (input.kind === 'correction' && input.decision === 'done' && !input.changes) {
    throw new AppError('VALIDATION_FAILED', 'changes', {
      zh: '更正须填写更正内容',
      en: 'changes: a correction needs the corrected fields',
    });
  }
  const person = await personOr404(ctx, actor, ctx.db, personId);
  let data: Record<string, unknown> | undefined;
  if (input.decision === 'done' && input.kind === 'export') data = await everythingHeld(ctx, actor, personId);
  if (input.decision === 'done' && input.kind === 'correction') {
    await updatePerson(ctx, actor, personId, input.changes!, 'person.correction', input.reason);
  }
  return ctx.db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('data_subject_request')
      .values({
        kind: input.kind,
        person_id: input.kind === 'deletion' && input.decision === 'done' ? null : personId,
        org_path: person.org_path,
        requested_by: person.name,
        reason: input.reason,
        outcome: input.decision,
        outcome_reason: input.refusalReason ?? null,
        decided_by: actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.kind === 'deletion' && input.decision === 'done') {
      // Tags go with the person (cascade); vehicles and devices stay as things, without an owner.
      await tx.deleteFrom('person').where('id', '=', personId).execute();
    }
    await appendAudit(
      tx,
      actor,
      {
        action: `person.rights.${input.kind}`,
        outcome: input.decision === 'done' ? 'ok' : 'denied',
        targetType: 'person',
        targetId: personId,
        orgPath: person.org_path,
        details: {
          requestId: id,
          reason: input.reason,
          decision: input.decision,
          refusalReason: input.refusalReason ?? null,
        },
      },
      ctx.now(),
    );
    return { requestId: id, outcome: input.decision, ...(data ? { data } : {}) };
  });
}

/** Everything held on a person, identity and phone in clear: this copy is for the person themself. */
async function everythingHeld(ctx: Context, actor: Actor, personId: string) {
  const dossier = await personDossier(ctx, actor, personId);
  const sealed = await repo.sealedFields(ctx.db, personId);
  return {
    ...dossier,
    person: {
      ...dossier.person,
      idNumber: ctx.crypto.decrypt(sealed.id_number_enc),
      phone: sealed.phone_enc ? ctx.crypto.decrypt(sealed.phone_enc) : null,
    },
    history: undefined,
    canReveal: undefined,
    exportedAt: ctx.now().toISOString(),
  };
}
