// A deliberately simple, independent model of the case workflow, written from the rules as the issue
// states them (not from the transition table): who may take each step, from which status, and what it
// leaves behind. The model-based test runs random step sequences through both and compares.

type Level = 'village' | 'township' | 'county' | 'city';
const LEVELS: readonly Level[] = ['village', 'township', 'county', 'city'];

export interface ModelTask {
  no: number;
  round: number;
  kind: string;
  id: string;
  st: 'pending' | 'accepted' | 'done' | 'unable' | 'withdrawn';
  ackDue: number;
  due: number;
  whistle: number | null;
}

export interface Model {
  status: string;
  holder: number;
  origin: number;
  round: number;
  reopens: number;
  escalations: number;
  whistles: number;
  tasks: ModelTask[];
  since: number;
  handover: number | null;
  last: number;
  dueAt: number;
  evalDue: number | null;
  evaluated: boolean;
  supervised: boolean;
  limits: Record<
    'register' | 'assign' | 'ack' | 'handle' | 'verify' | 'respond' | 'evaluate' | 'total',
    number
  >;
}

export type ModelActor =
  | { kind: 'staff'; role: string; level: string; id: string }
  | { kind: 'resident' }
  | { kind: 'system' };

/** The model's answer: refused (with the rule when the model knows which comes first) or the next model. */
export type ModelAnswer = { ok: false; rule: string | null } | { ok: true; next: Model };

const M = 60_000;
const CENTRE_LEVEL: Record<string, number> = {
  'village-centre': 0,
  'township-centre': 1,
  'county-centre': 2,
  'city-centre': 3,
  admin: 3,
};
// Where each role's users can be scoped (the registry of users says so, independently of this module).
const SCOPES: Record<string, readonly string[]> = {
  admin: ['city'],
  'city-centre': ['city'],
  'county-centre': ['county'],
  'township-centre': ['township'],
  'village-centre': ['village'],
  'grid-worker': ['grid'],
  police: ['village', 'township'],
  department: ['city', 'county', 'township'],
  auditor: ['city', 'county'],
};
const OPEN = [
  'reported',
  'registered',
  'assigned',
  'in-action',
  'reported-back',
  'escalated',
  'returned',
  'reopened',
];
const CAN_ASSIGN = ['registered', 'returned', 'reopened', 'assigned', 'in-action', 'reported-back'];

interface Who {
  roles: readonly string[];
  levels: readonly string[];
  resident?: boolean;
  system?: boolean;
  from: readonly string[];
}
const centres = Object.keys(CENTRE_LEVEL);
const upper = ['township-centre', 'county-centre', 'city-centre', 'admin'];
const handlers = ['department', 'grid-worker', 'police'];
const anyCentreLevel = ['village', 'township', 'county', 'city'];

export const MODEL_WHO: Record<string, Who> = {
  register: { roles: centres, levels: anyCentreLevel, from: ['reported'] },
  decline: { roles: centres, levels: anyCentreLevel, from: ['reported'] },
  assign: { roles: centres, levels: anyCentreLevel, from: CAN_ASSIGN },
  whistle: { roles: ['township-centre'], levels: ['township'], from: CAN_ASSIGN },
  accept: {
    roles: handlers,
    levels: ['city', 'county', 'township', 'village', 'grid'],
    from: ['assigned', 'in-action', 'escalated'],
  },
  report: {
    roles: handlers,
    levels: ['city', 'county', 'township', 'village', 'grid'],
    from: ['assigned', 'in-action', 'escalated'],
  },
  withdraw: { roles: centres, levels: anyCentreLevel, from: ['assigned', 'in-action'] },
  rework: { roles: centres, levels: anyCentreLevel, from: ['reported-back'] },
  resolve: { roles: centres, levels: anyCentreLevel, from: ['reported-back'] },
  'close-unfixed': {
    roles: centres,
    levels: anyCentreLevel,
    from: ['registered', 'returned', 'reopened', 'reported-back'],
  },
  escalate: {
    roles: ['village-centre', 'township-centre', 'county-centre'],
    levels: ['village', 'township', 'county'],
    system: true,
    from: OPEN,
  },
  take: { roles: upper, levels: ['township', 'county', 'city'], from: ['escalated'] },
  return: { roles: upper, levels: ['township', 'county', 'city'], from: ['escalated'] },
  supervise: { roles: upper, levels: ['township', 'county', 'city'], from: OPEN },
  evaluate: { roles: centres, levels: anyCentreLevel, resident: true, from: ['resolved', 'closed-unfixed'] },
};

const no = (rule: string | null): ModelAnswer => ({ ok: false, rule });
const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const optionalText = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const dueOk = (v: unknown, now: number) => v === undefined || (v instanceof Date && v.getTime() > now);
const current = (m: Model) => m.tasks.filter((t) => t.round === m.round);
const unfinished = (m: Model) => current(m).filter((t) => t.st === 'pending' || t.st === 'accepted');

function byTasks(m: Model): string | null {
  const live = current(m).filter((t) => t.st !== 'withdrawn');
  if (live.length === 0) return null;
  if (live.every((t) => t.st === 'done' || t.st === 'unable')) return 'reported-back';
  return live.every((t) => t.st === 'pending') ? 'assigned' : 'in-action';
}

/** The model's deadline of the step a model case waits for. */
export function modelStepDue(m: Model): number | null {
  const L = m.limits;
  switch (m.status) {
    case 'reported':
      return m.since + L.register * M;
    case 'registered':
    case 'returned':
    case 'reopened':
      return m.since + L.assign * M;
    case 'assigned':
    case 'in-action':
      return Math.max(
        m.handover === null ? -1 : m.handover + L.assign * M,
        ...unfinished(m).map((t) => t.due),
      );
    case 'reported-back':
      return m.since + L.verify * M;
    case 'escalated':
      return m.since + L.respond * M;
    default:
      return null;
  }
}

/** The model after `step` with `p` by `actor` at `now`. */
export function modelStep(m: Model, p: Record<string, unknown>, actor: ModelActor, now: number): ModelAnswer {
  const step = p.step as string;
  const who = MODEL_WHO[step];
  if (!who) return no('step.unknown');
  if (now < m.last) return no('clock.backwards');
  if (actor.kind === 'resident' && !who.resident) return no('actor.role');
  if (actor.kind === 'system' && !who.system) return no('actor.role');
  if (actor.kind === 'staff') {
    if (!who.roles.includes(actor.role)) return no('actor.role');
    if (!who.levels.includes(actor.level) || !SCOPES[actor.role]?.includes(actor.level))
      return no('actor.level');
  }
  if (!who.from.includes(m.status)) return no('step.status');
  const level = actor.kind === 'staff' ? LEVELS.indexOf(actor.level as Level) : -1;
  const handlerStep = step === 'accept' || step === 'report';
  if (actor.kind === 'staff' && !handlerStep) {
    if (step === 'supervise' ? level <= m.holder : level !== m.holder)
      return no(step === 'supervise' ? 'actor.notAbove' : 'actor.notHolder');
  }
  const n: Model = { ...m, tasks: m.tasks.map((t) => ({ ...t })), last: now };
  const move = (status: string) => {
    if (status !== n.status) n.since = now;
    n.status = status;
  };
  const close = (status: string) => {
    move(status);
    n.supervised = false;
    n.evalDue = status === 'declined' ? null : now + m.limits.evaluate * M;
  };
  const follow = () => {
    if (n.status !== 'escalated') move(byTasks(n) ?? 'registered');
  };
  const find = (k: unknown) => n.tasks.find((t) => t.no === k && t.round === n.round);
  switch (step) {
    case 'register':
      if (!optionalText(p.note)) return no(null);
      move('registered');
      break;
    case 'decline':
      if (!text(p.reason)) return no(null);
      close('declined');
      break;
    case 'assign':
    case 'whistle': {
      const specs = (step === 'assign' ? p.tasks : p.departments) as unknown[];
      if (!Array.isArray(specs) || specs.length === 0 || specs.length > 20) return no(null);
      const ack = step === 'whistle' ? ((p.ackMinutes as number | undefined) ?? m.limits.ack) : m.limits.ack;
      if (
        step === 'whistle' &&
        (!text(p.instructions) || !(Number.isInteger(ack) && ack >= 10 && ack <= 4320))
      )
        return no(null);
      if (step === 'whistle' && !dueOk(p.dueAt, now)) return no(null);
      const busy = new Set(unfinished(n).map((t) => `${t.kind}:${t.id}`));
      const whistle = step === 'whistle' ? n.whistles + 1 : null;
      for (const s of specs) {
        const spec = (step === 'assign' ? s : { assignee: { kind: 'department', id: s } }) as {
          assignee: { kind: string; id: string };
          instructions?: unknown;
          dueAt?: unknown;
        };
        const { kind, id } = spec.assignee;
        if (!handlers.includes(kind) || !text(id)) return no(null);
        if (step === 'assign' && (!text(spec.instructions) || !dueOk(spec.dueAt, now))) return no(null);
        if (busy.has(`${kind}:${id}`)) return no(null);
        busy.add(`${kind}:${id}`);
        const due = (step === 'assign' ? spec.dueAt : p.dueAt) as Date | undefined;
        n.tasks.push({
          no: n.tasks.length + 1,
          round: n.round,
          kind,
          id,
          st: 'pending',
          ackDue: now + ack * M,
          due: due?.getTime() ?? now + m.limits.handle * M,
          whistle,
        });
      }
      if (whistle !== null) n.whistles = whistle;
      move(byTasks(n) ?? n.status);
      break;
    }
    case 'accept':
    case 'report': {
      const t = find(p.task);
      if (!t) return no('task.unknown');
      if (actor.kind !== 'staff' || actor.role !== t.kind || actor.id !== t.id)
        return no('actor.notAssignee');
      if (step === 'accept') {
        if (t.st !== 'pending') return no('task.status');
        t.st = 'accepted';
      } else {
        if (t.st !== 'pending' && t.st !== 'accepted') return no('task.status');
        if ((p.outcome !== 'done' && p.outcome !== 'unable') || !text(p.report)) return no(null);
        t.st = p.outcome;
      }
      follow();
      break;
    }
    case 'withdraw': {
      const t = find(p.task);
      if (!t) return no('task.unknown');
      if (t.st !== 'pending' && t.st !== 'accepted') return no('task.status');
      if (!text(p.reason)) return no(null);
      t.st = 'withdrawn';
      follow();
      break;
    }
    case 'rework': {
      const picks = p.tasks as unknown[];
      if (!Array.isArray(picks) || picks.length === 0) return no(null);
      if (new Set(picks).size !== picks.length) return no(null);
      const chosen = picks.map(find);
      if (chosen.some((t) => !t || (t.st !== 'done' && t.st !== 'unable'))) return no(null);
      if (!text(p.reason) || !dueOk(p.dueAt, now)) return no(null);
      for (const t of chosen as ModelTask[]) {
        t.st = 'accepted';
        t.due = (p.dueAt as Date | undefined)?.getTime() ?? now + m.limits.handle * M;
      }
      follow();
      break;
    }
    case 'resolve':
      if (!current(n).some((t) => t.st === 'done')) return no('resolve.nothingDone');
      if (!optionalText(p.note)) return no(null);
      close('resolved');
      break;
    case 'close-unfixed':
      if (!text(p.reason)) return no(null);
      close('closed-unfixed');
      break;
    case 'escalate': {
      if (m.holder === 3) return no('escalate.top');
      const due = modelStepDue(m);
      if (actor.kind === 'system' && !(due !== null && due < now)) return no('escalate.notDue');
      if (actor.kind === 'system' ? !optionalText(p.reason) : !text(p.reason)) return no(null);
      n.holder += 1;
      n.escalations += 1;
      n.status = 'escalated';
      n.since = now;
      break;
    }
    case 'take':
      if (!optionalText(p.note)) return no(null);
      move(byTasks(n) ?? 'registered');
      n.handover = now;
      break;
    case 'return':
      if (m.holder === 0) return no('return.bottom');
      if (!text(p.instructions)) return no(null);
      n.holder -= 1;
      n.handover = now;
      if (p.supervise === true) n.supervised = true;
      move(byTasks(n) ?? 'returned');
      break;
    case 'supervise':
      if (!text(p.note) || !dueOk(p.dueAt, now)) return no(null);
      n.supervised = true;
      break;
    case 'evaluate': {
      if (m.evaluated) return no('evaluate.already');
      if (m.evalDue !== null && now > m.evalDue) return no('evaluate.closed');
      const r = p.rating;
      const valid = typeof r === 'number' && Number.isInteger(r) && r >= 1 && r <= 5;
      const unhappy = p.notSatisfied === true;
      if (!valid && !(unhappy && r === undefined)) return no('rating.range');
      if (unhappy || (r as number) <= 2) {
        move('reopened');
        n.round += 1;
        n.reopens += 1;
        n.evalDue = null;
        n.handover = null;
        n.dueAt = now + m.limits.total * M;
      } else {
        n.evaluated = true;
        n.evalDue = null;
      }
      break;
    }
  }
  return { ok: true, next: n };
}
