// Subjects as insight queries name and show them: a query's subject (ID number, plate or MAC) becomes the
// keyed hash the event store files it under; a result's subject becomes a key the viewer may see, and a
// link to its dossier when the registers know it and it lies in the viewer's scope.
import type { TSubject } from '@civgrid/contracts';
import {
  checkIdNumber,
  checkPlate,
  maskIdNumber,
  normalizeIdNumber,
  normalizeMacAddress,
  normalizePlate,
} from '@civgrid/domain';
import { type Actor, actorCan } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import type { SubjectKind } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';

/** The keyed hash of a query's subject, after checking its format (400 naming the field otherwise). */
export function subjectHash(ctx: Context, subject: TSubject, now: Date): Buffer {
  if (subject.type === 'person') {
    const id = normalizeIdNumber(subject.idNumber);
    if (checkIdNumber(id, now) !== null) throw new AppError('VALIDATION_FAILED', 'subject.idNumber');
    return ctx.crypto.keyedHash(id);
  }
  if (subject.type === 'vehicle') {
    const plate = normalizePlate(subject.plate);
    if (checkPlate(plate) !== null) throw new AppError('VALIDATION_FAILED', 'subject.plate');
    return ctx.crypto.keyedHash(plate);
  }
  const mac = normalizeMacAddress(subject.mac);
  if (mac === null) throw new AppError('VALIDATION_FAILED', 'subject.mac');
  return ctx.crypto.keyedHash(mac);
}

/** What a query's subject is called in the audit log: never the full ID number. */
export function subjectForAudit(subject: TSubject): Record<string, string> {
  if (subject.type === 'person')
    return { type: 'person', idNumber: maskIdNumber(normalizeIdNumber(subject.idNumber)) };
  if (subject.type === 'vehicle') return { type: 'vehicle', plate: normalizePlate(subject.plate) };
  return { type: 'device', mac: '(pseudonymised)' };
}

export interface StoredSubject {
  kind: SubjectKind;
  hash: Buffer;
  sealed: Buffer | null;
}

/** How a result names a subject: the ID number (masked unless the role may see it in full), the plate,
 *  or for a MAC address its pseudonym (a prefix of the keyed hash; the address itself is never kept). */
export function presentKey(ctx: Context, actor: Actor, subject: StoredSubject): string {
  if (subject.kind === 'device') return `mac:${subject.hash.toString('hex').slice(0, 16)}`;
  const value = ctx.crypto.decrypt(subject.sealed!);
  if (subject.kind === 'person') return actorCan(actor, 'person.reveal') ? value : maskIdNumber(value);
  return value;
}
