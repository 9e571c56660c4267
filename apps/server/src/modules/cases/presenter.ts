// Case rows to API shapes. Timeline lines are worded by the domain in both languages; the reporter's
// phone leaves only as its mask.
import type { TCasePage, TCaseSummary } from '@civgrid/contracts';
import {
  CASE_STATUS_INFO,
  type CaseActor,
  type CaseLevel,
  type CaseSource,
  type CaseState,
  type CaseStatus,
  type CaseStep,
  describeTimelineEntry,
  isStepOverdue,
  type Message,
  parentCategoryCode,
  type TimelineKey,
  whistleRollCall,
} from '@civgrid/domain';
import type { Selectable } from 'kysely';
import type { CaseTimelineTable } from '../../platform/db-types.ts';
import type { CaseRow } from './state.ts';

export type CategoryNames = ReadonlyMap<string, Message>;

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const gridOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);

type SummaryRow = Pick<
  CaseRow,
  | 'id'
  | 'tracking_no'
  | 'version'
  | 'source'
  | 'category_code'
  | 'priority'
  | 'title'
  | 'status'
  | 'is_open'
  | 'holder_level'
  | 'org_path'
  | 'grid_id'
  | 'address'
  | 'opened_at'
  | 'step_due_at'
  | 'due_at'
  | 'supervision_level'
>;

export function presentSummary(row: SummaryRow, categories: CategoryNames, now: Date): TCaseSummary {
  const status = row.status as CaseStatus;
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    version: row.version,
    source: row.source as CaseSource,
    category: {
      code: row.category_code,
      name: categories.get(row.category_code) ?? { zh: row.category_code, en: row.category_code },
    },
    priority: row.priority,
    title: row.title,
    status,
    statusLabel: CASE_STATUS_INFO[status].label,
    isOpen: row.is_open,
    holderLevel: row.holder_level as CaseLevel,
    gridCode: row.grid_id === null ? null : gridOf(row.org_path),
    address: row.address,
    openedAt: row.opened_at.toISOString(),
    stepDueAt: iso(row.step_due_at),
    dueAt: row.due_at.toISOString(),
    isOverdue: isStepOverdue({ status, stepDueAt: row.step_due_at }, now),
    isSupervised: row.is_open && row.supervision_level !== null,
  };
}

type TimelineRow = Selectable<CaseTimelineTable>;

function timelineActor(row: TimelineRow): CaseActor {
  if (row.actor_kind === 'staff')
    return {
      kind: 'staff',
      role: row.actor_role as never,
      level: row.actor_level as never,
      id: row.actor_user_id ?? '',
    };
  return { kind: row.actor_kind as 'resident' | 'system' };
}

export function presentTimeline(row: TimelineRow): TCasePage['timeline'][number] {
  const text = describeTimelineEntry({
    at: row.at,
    step: row.step as CaseStep | 'open',
    key: row.key as TimelineKey,
    actor: timelineActor(row),
    from: row.from_status as CaseStatus | null,
    to: row.to_status as CaseStatus,
    holderFrom: row.holder_from as CaseLevel | null,
    holderTo: row.holder_to as CaseLevel,
    params: row.params,
  });
  return {
    at: row.at.toISOString(),
    step: row.step,
    key: row.key,
    text,
    actor: { kind: row.actor_kind, role: row.actor_role, name: row.actor_name },
    from: row.from_status as CaseStatus | null,
    to: row.to_status as CaseStatus,
    holderFrom: row.holder_from as CaseLevel | null,
    holderTo: row.holder_to as CaseLevel,
  };
}

export function presentTasks(state: CaseState, names: ReadonlyMap<string, string>): TCasePage['tasks'] {
  return state.tasks.map((t) => ({
    no: t.no,
    round: t.round,
    assignee: { ...t.assignee, name: names.get(t.assignee.id) ?? t.assignee.id },
    instructions: t.instructions,
    whistle: t.whistle,
    status: t.status,
    assignedAt: t.assignedAt.toISOString(),
    ackDueAt: t.ackDueAt.toISOString(),
    dueAt: t.dueAt.toISOString(),
    acceptedAt: iso(t.acceptedAt),
    finishedAt: iso(t.finishedAt),
    report: t.report,
    reworks: t.reworks,
  }));
}

export function presentRollCalls(state: CaseState, now: Date): TCasePage['whistles'] {
  return state.whistles.flatMap((w) => {
    const call = whistleRollCall(state, w.no, now);
    if (!call) return [];
    return [
      {
        whistle: w.no,
        at: w.at.toISOString(),
        instructions: w.instructions,
        entries: call.entries.map((e) => ({
          ...e,
          ackDueAt: e.ackDueAt.toISOString(),
          acknowledgedAt: iso(e.acknowledgedAt),
        })),
        counts: call.counts,
      },
    ];
  });
}

/** The category and its ancestors, top first (`['dispute', 'dispute.neighbour']`). */
export function categoryPath(code: string): string[] {
  const path: string[] = [];
  for (let at: string | null = code; at !== null; at = parentCategoryCode(at)) path.unshift(at);
  return path;
}
