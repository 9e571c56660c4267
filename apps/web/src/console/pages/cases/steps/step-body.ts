// A step's form values as the body of POST /api/v1/cases/{id}/steps (the version is added by the
// dialog), and where the server's `field` (`tasks[1].dueAt` from the domain, `tasks.1.dueAt` from
// validation) shows on the form.
import type { CaseStep } from '@civgrid/domain';
import type { Dayjs } from 'dayjs';
import { toZonedIso } from '../../../../lib/time.ts';
import type { FieldName } from '../../../components/use-form-submit.ts';

export interface AssignRow {
  kind?: 'department' | 'grid-worker' | 'police';
  id?: string;
  instructions?: string;
  dueAt?: Dayjs | null;
}

/** Every field any step's form has; each step uses a few. */
export interface StepValues {
  note?: string;
  reason?: string;
  instructions?: string;
  report?: string;
  comment?: string;
  outcome?: 'done' | 'unable';
  task?: number;
  /** assign: the new tasks; rework: the task numbers sent back. */
  tasks?: AssignRow[] | number[];
  departments?: string[];
  ackMinutes?: number | null;
  dueAt?: Dayjs | null;
  supervise?: boolean;
  rating?: number;
}

const text = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};
const when = (value: Dayjs | null | undefined) => (value ? toZonedIso(value) : undefined);

/** Leaves out absent values, so optional fields stay optional on the wire. */
function defined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

export function stepBody(step: CaseStep, v: StepValues): Record<string, unknown> {
  switch (step) {
    case 'register':
    case 'resolve':
    case 'take':
      return defined({ step, note: text(v.note) });
    case 'decline':
    case 'close-unfixed':
    case 'escalate':
      return defined({ step, reason: text(v.reason) });
    case 'assign':
      return {
        step,
        tasks: ((v.tasks ?? []) as AssignRow[]).map((row) =>
          defined({
            assignee: { kind: row.kind, id: row.id },
            instructions: text(row.instructions),
            dueAt: when(row.dueAt),
          }),
        ),
      };
    case 'whistle':
      return defined({
        step,
        departments: v.departments ?? [],
        instructions: text(v.instructions),
        ackMinutes: v.ackMinutes ?? undefined,
        dueAt: when(v.dueAt),
      });
    case 'accept':
      return { step, task: v.task };
    case 'report':
      return defined({ step, task: v.task, outcome: v.outcome, report: text(v.report) });
    case 'withdraw':
      return defined({ step, task: v.task, reason: text(v.reason) });
    case 'rework':
      return defined({ step, tasks: v.tasks ?? [], reason: text(v.reason), dueAt: when(v.dueAt) });
    case 'return':
      return defined({ step, instructions: text(v.instructions), supervise: v.supervise === true });
    case 'supervise':
      return defined({ step, note: text(v.note), dueAt: when(v.dueAt) });
    case 'evaluate':
      return defined({ step, rating: v.rating, comment: text(v.comment) });
  }
}

/** The form field a server error names, or undefined to show it above the form. */
export function placeStepField(field: string, names: readonly string[]): FieldName | undefined {
  const normal = field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  const parts = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?/.exec(normal);
  if (!parts || !names.includes(parts[1]!)) return undefined;
  const [, key, index, child] = parts as unknown as [string, string, string | undefined, string | undefined];
  // A list of plain values (departments, rework's task numbers) shows its error under the list.
  if (index === undefined || child === undefined) return key;
  return [key, Number(index), child === 'assignee' ? 'id' : child];
}
