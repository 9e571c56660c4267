// How each kind of outbox item reaches the server, and the app's one outbox. Writes the server keys by
// client id (check-ins, patrols and their points, receipts, replies) are simply sent again after a lost
// answer. The rest make sure before repeating: a case report that may have arrived looks for its case, a
// case step or an alert step that meets a conflict reads the current state and is settled if it already
// holds.
import { ApiError } from '../../lib/api.ts';
import {
  type AlertCommand,
  alertPage,
  alertStep,
  type CaseReportBody,
  casePage,
  caseStep,
  casesIn,
  openCase,
  readReceipt,
  replyToInstruction,
  uploadCasePhoto,
} from '../field-api.ts';
import { sendCheckin, sendPatrolPoints, sendPatrolStart, sendPatrolStop } from '../field-work-api.ts';
import { Outbox, type OutboxItem, type Sender } from './outbox.ts';

export interface CaseReportPayload {
  body: CaseReportBody;
  photos: Blob[];
  /** Set once the case exists on the server. */
  caseId?: string;
  trackingNo?: string;
  photosSent?: number;
}

export interface CaseStepPayload {
  caseId: string;
  title: string;
  step: 'accept' | 'report';
  task: number;
  outcome?: 'done' | 'unable';
  report?: string;
}

export interface CheckinPayload {
  kind: 'in' | 'out';
  at: string;
  position: { lng: number; lat: number; accuracy: number } | null;
}

export interface PatrolStartPayload {
  patrolId: string;
  at: string;
}

export interface PatrolPointPayload {
  patrolId: string;
  at: string;
  lng: number;
  lat: number;
  accuracy: number;
}

export interface PatrolStopPayload {
  patrolId: string;
  at: string;
}

export interface AlertStepPayload {
  alertId: string;
  title: string;
  command: AlertCommand;
  note?: string;
}

export interface InstructionReadPayload {
  instructionId: string;
  title: string;
  at: string;
}

export interface InstructionReplyPayload {
  instructionId: string;
  title: string;
  body: string;
  at: string;
}

/** The error code a report carries when the server takes its case but not its photos. */
export const PHOTO_UPLOAD_UNSUPPORTED = 'PHOTO_UPLOAD_UNSUPPORTED';

const payloadOf = <P>(item: OutboxItem) => item.payload as P;

/** A report whose answer was lost may have opened its case: find it among the cases still waiting to be
 *  registered, or just registered (the village centre may have been quick). */
async function findOpenedCase(body: CaseReportBody, sentAt: string) {
  const since = Date.parse(sentAt) - 120_000;
  for (const status of ['reported', 'registered'] as const) {
    const { items } = await casesIn(status);
    const found = items.find(
      (c) => c.title === body.title && c.category.code === body.category && Date.parse(c.openedAt) >= since,
    );
    if (found) return found;
  }
  return null;
}

const caseReport: Sender = {
  async send([item], box) {
    const payload = payloadOf<CaseReportPayload>(item!);
    if (!payload.caseId) {
      const found = item!.sentAt ? await findOpenedCase(payload.body, item!.sentAt) : null;
      let opened = found ? { id: found.id, trackingNo: found.trackingNo } : null;
      if (!opened) {
        await box.update(item!, { sentAt: item!.sentAt ?? new Date().toISOString() });
        let page: Awaited<ReturnType<typeof openCase>>;
        try {
          page = await openCase(payload.body);
        } catch (error) {
          // The phone's position lies outside the user's grids (a poor fix at the edge): the grid alone.
          if (!(error instanceof ApiError && error.code === 'CASE_LOCATION_OUTSIDE' && payload.body.gridCode))
            throw error;
          const { location: _dropped, ...body } = payload.body;
          page = await openCase(body);
        }
        opened = { id: page.case.id, trackingNo: page.case.trackingNo };
      }
      await box.update(item!, {
        payload: { ...payload, caseId: opened.id, trackingNo: opened.trackingNo, photosSent: 0 },
      });
    }
    const current = payloadOf<CaseReportPayload>(item!);
    for (let i = current.photosSent ?? 0; i < current.photos.length; i++) {
      try {
        await uploadCasePhoto(current.caseId!, current.photos[i]!, `photo-${i + 1}.jpg`);
      } catch (error) {
        // The case was opened a moment ago, so a 404 here means the server has no photo route for staff
        // cases: the photos stay on the phone (the item is refused, not lost) until it has one.
        if (error instanceof ApiError && error.status === 404)
          throw new ApiError(404, PHOTO_UPLOAD_UNSUPPORTED, error.message);
        throw error;
      }
      await box.update(item!, { payload: { ...current, photosSent: i + 1 } });
    }
  },
};

const caseStepSender: Sender = {
  async send([item]) {
    const payload = payloadOf<CaseStepPayload>(item!);
    // The step is decided on the case as it is now: settled if it already holds, else sent on its version.
    for (let attempt = 0; attempt < 3; attempt++) {
      const page = await casePage(payload.caseId);
      const task = page.tasks.find((t) => t.no === payload.task);
      if (!task) throw new ApiError(404, 'NOT_FOUND', `task ${payload.task}`);
      if (payload.step === 'accept' && task.status !== 'pending') return;
      if (payload.step === 'report' && task.status !== 'pending' && task.status !== 'accepted') return;
      const body =
        payload.step === 'accept'
          ? { step: 'accept', version: page.case.version, task: payload.task }
          : {
              step: 'report',
              version: page.case.version,
              task: payload.task,
              outcome: payload.outcome ?? 'done',
              report: payload.report ?? '',
            };
      try {
        await caseStep(payload.caseId, body);
        return;
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'CASE_VERSION_CONFLICT')) throw error;
      }
    }
    throw new ApiError(409, 'CASE_VERSION_CONFLICT', 'the case keeps changing');
  },
};

const SETTLED: Record<AlertCommand, readonly string[]> = {
  ack: ['acknowledged', 'resolved', 'false-alarm'],
  resolve: ['resolved'],
  'false-alarm': ['false-alarm'],
};

const alertStepSender: Sender = {
  async send([item]) {
    const payload = payloadOf<AlertStepPayload>(item!);
    try {
      await alertStep(payload.alertId, payload.command, payload.note);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      const page = await alertPage(payload.alertId);
      if (!SETTLED[payload.command].includes(page.status)) throw error;
    }
  },
};

export const outbox = new Outbox({
  'case-report': caseReport,
  'case-step': caseStepSender,
  checkin: {
    async send([item]) {
      await sendCheckin(item!.id, payloadOf<CheckinPayload>(item!));
    },
  },
  'patrol-start': {
    async send([item]) {
      await sendPatrolStart(payloadOf<PatrolStartPayload>(item!));
    },
  },
  'patrol-point': {
    batch: 200,
    async send(items) {
      const first = payloadOf<PatrolPointPayload>(items[0]!);
      await sendPatrolPoints(
        first.patrolId,
        items.map((i) => ({ clientId: i.id, ...payloadOf<PatrolPointPayload>(i) })),
      );
    },
  },
  'patrol-stop': {
    async send([item]) {
      await sendPatrolStop(payloadOf<PatrolStopPayload>(item!));
    },
  },
  'alert-step': alertStepSender,
  'instruction-read': {
    async send([item]) {
      const p = payloadOf<InstructionReadPayload>(item!);
      await readReceipt(p.instructionId, item!.id, p.at);
    },
  },
  'instruction-reply': {
    async send([item]) {
      const p = payloadOf<InstructionReplyPayload>(item!);
      await replyToInstruction(p.instructionId, item!.id, p.body, p.at);
    },
  },
});
