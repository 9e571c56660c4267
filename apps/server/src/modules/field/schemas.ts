// The field API's shapes: the roster (centres), the field app's writes and its cached grid (grid workers
// and police), patrol tracks and the monthly assessment. Every write from the app carries `clientId`, a
// UUID made on the phone, so a queue replayed after a lost answer changes nothing.
import { ZErrorBody } from '@civgrid/contracts';
import { GRADES } from '@civgrid/domain';
import { z } from 'zod';

const ZMessage = z.object({ zh: z.string(), en: z.string() });
const ZTime = z.iso.datetime({ offset: true });
const ZDay = z.iso.date();
export const ZUserId = z.object({ id: z.string().regex(/^\d{1,18}$/) });
export const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const ZLocation = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  accuracy: z.number().min(0).max(100_000).optional(),
});

// ——— roster ———

export const ZRosterQuery = z.object({
  q: z.string().trim().max(50).optional(),
  /** A unit code: workers at or under it. */
  under: z.string().max(32).optional(),
  status: z.enum(['active', 'left', 'all']).default('active'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TRosterQuery = z.infer<typeof ZRosterQuery>;

const ZEquipment = z.object({
  item: z.string().trim().min(1).max(100),
  serial: z.string().trim().max(100).nullable().optional(),
  issuedOn: ZDay.nullable().optional(),
});

export const ZWorkerSummary = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  grids: z.array(z.object({ code: z.string(), name: z.string() })),
  title: z.string().nullable(),
  badgeNo: z.string().nullable(),
  /** Masked like a resident's (`130682********1234`); revealing it asks a reason. */
  idNumber: z.string().nullable(),
  recruitedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  isActive: z.boolean(),
});
export type TWorkerSummary = z.infer<typeof ZWorkerSummary>;

export const ZRoster = z.object({
  items: z.array(ZWorkerSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const ZDecision = z.object({
  month: z.string(),
  score: z.number(),
  grade: z.enum(GRADES),
  gradeLabel: ZMessage,
  payCoefficient: z.number().nullable(),
  rewardPenalty: z.string().nullable(),
  deployment: z.string().nullable(),
  note: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});

/** The "five uniform" items (五统一) of one worker. */
export const ZWorker = ZWorkerSummary.extend({
  equipment: z.array(ZEquipment),
  duties: z.string().nullable(),
  registrationFile: z.string().nullable(),
  /** The assessment record (考核记录): the months a centre decided on. */
  assessments: z.array(ZDecision),
  updatedAt: z.string().nullable(),
  canReveal: z.boolean(),
});
export type TWorker = z.infer<typeof ZWorker>;

export const ZWorkerUpdate = z.object({
  title: z.string().trim().max(100).nullable().optional(),
  badgeNo: z.string().trim().min(1).max(40).nullable().optional(),
  /** The identity number in clear: sealed on arrival, never stored or logged in clear. */
  idNumber: z.string().trim().max(18).nullable().optional(),
  equipment: z.array(ZEquipment).max(50).optional(),
  duties: z.string().trim().max(4000).nullable().optional(),
  registrationFile: z.string().trim().max(4000).nullable().optional(),
  recruitedOn: ZDay.nullable().optional(),
  leftOn: ZDay.nullable().optional(),
});
export type TWorkerUpdate = z.infer<typeof ZWorkerUpdate>;

export const ZWorkerGrids = z.object({ grids: z.array(z.string().min(1).max(32)).min(1).max(20) });
export const ZReveal = z.object({ reason: z.string().trim().min(2).max(500) });
export const ZDisable = z.object({ reason: z.string().trim().min(2).max(500), leftOn: ZDay.optional() });

export const ZDisableAnswer = z.object({
  worker: ZWorker,
  endedSessions: z.number().int(),
  handedBack: z.array(z.object({ caseId: z.string(), trackingNo: z.string(), task: z.number().int() })),
  /** Open tasks that could not be handed back (a case outside the caller's jurisdiction, or changed
   *  by someone else three times running): a centre must withdraw them by hand. */
  left: z.array(z.object({ caseId: z.string(), trackingNo: z.string(), reason: z.string() })),
});

// ——— the field app's writes ———

export const ZCheckin = z.object({
  clientId: z.uuid(),
  at: ZTime,
  kind: z.enum(['in', 'out']).default('in'),
  location: ZLocation.optional(),
});
export type TCheckin = z.infer<typeof ZCheckin>;

const ZCheckinView = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: z.enum(['in', 'out']),
  at: z.string(),
  receivedAt: z.string(),
  location: ZLocation.nullable(),
});
export const ZCheckinAnswer = z.object({ checkin: ZCheckinView, isReplay: z.boolean() });
export const ZCheckinList = z.object({ items: z.array(ZCheckinView) });
export const ZMonthQuery = z.object({ month: ZMonth.optional() });

export const ZPatrolEvent = z.object({
  /** The patrol's own id, made on the phone at its start; stop sends the same one. */
  clientId: z.uuid(),
  event: z.enum(['start', 'stop']),
  at: ZTime,
});
export type TPatrolEvent = z.infer<typeof ZPatrolEvent>;

export const ZPatrolParams = z.object({ id: z.uuid() });

export const ZPoints = z.object({
  points: z
    .array(
      z.object({
        clientId: z.uuid(),
        at: ZTime,
        lng: z.number().min(-180).max(180),
        lat: z.number().min(-90).max(90),
        accuracy: z.number().min(0).max(100_000).nullable().optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export type TPoints = z.infer<typeof ZPoints>;

const ZPatrolView = z.object({
  id: z.string(),
  clientId: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  points: z.number().int(),
});
export const ZPatrolAnswer = z.object({ patrol: ZPatrolView, isReplay: z.boolean() });
export const ZPointsAnswer = z.object({
  patrol: ZPatrolView,
  /** accepted + duplicates + rejected = points sent. */
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), reason: z.string() })),
});

// ——— the cached grid ———

export const ZMyGridQuery = z.object({ grid: z.string().max(32).optional() });

export const ZMyGrid = z.object({
  generatedAt: z.string(),
  grids: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      centre: z.object({ lng: z.number(), lat: z.number() }).nullable(),
      boundary: z.unknown().nullable(),
    }),
  ),
  buildings: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      address: z.string(),
      gridCode: z.string(),
      lng: z.number(),
      lat: z.number(),
      units: z.number(),
      floors: z.number(),
    }),
  ),
  houses: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      buildingId: z.string().nullable(),
      gridCode: z.string(),
      address: z.string(),
      unit: z.number().nullable(),
      floor: z.number().nullable(),
      room: z.string().nullable(),
      use: z.string(),
      registeredResidents: z.number(),
    }),
  ),
  residents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      idNumber: z.string(),
      gender: z.enum(['male', 'female']).nullable(),
      birthDate: z.string().nullable(),
      phone: z.string().nullable(),
      householdType: z.string(),
      relation: z.string().nullable(),
      houseId: z.string().nullable(),
      gridCode: z.string(),
      categories: z.array(z.string()),
    }),
  ),
  /** People in attention categories: who to visit. */
  care: z.array(z.object({ personId: z.string(), category: z.string(), since: z.string() })),
  categories: z.array(z.object({ code: z.string(), name: ZMessage, careLimitHours: z.number().nullable() })),
});
export type TMyGrid = z.infer<typeof ZMyGrid>;

// ——— patrol tracks and assessment ———

export const ZTrackQuery = z.object({ worker: z.string().regex(/^\d{1,18}$/), week: ZDay });
export const ZTrack = z.object({
  worker: z.object({ id: z.string(), name: z.string() }),
  week: z.string(),
  check: z.object({
    patrols: z.number().int(),
    minutes: z.number(),
    distanceM: z.number(),
    buildings: z.number().int(),
    buildingsPassed: z.number().int(),
    coverage: z.number().nullable(),
    score: z.number().nullable(),
  }),
  patrols: z.array(
    z.object({
      id: z.string(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
      points: z.array(z.tuple([z.number(), z.number(), z.number()])),
    }),
  ),
  buildings: z.array(
    z.object({ id: z.string(), code: z.string(), lng: z.number(), lat: z.number(), passed: z.boolean() }),
  ),
});

export const ZAssessmentQuery = z.object({
  month: ZMonth.optional(),
  under: z.string().max(32).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type TAssessmentQuery = z.infer<typeof ZAssessmentQuery>;

const ZPart = z.number().nullable();
export const ZSheet = z.object({
  worker: z.object({ id: z.string(), name: z.string(), unit: z.string(), badgeNo: z.string().nullable() }),
  month: z.string(),
  county: z.string(),
  score: z.number().nullable(),
  grade: z.enum(GRADES).nullable(),
  gradeLabel: ZMessage.nullable(),
  payCoefficient: z.number().nullable(),
  parts: z.object({ daily: ZPart, patrol: ZPart, performance: ZPart, residents: ZPart }),
  shares: z.object({ daily: z.number(), patrol: z.number(), performance: z.number(), residents: z.number() }),
  daily: z.object({ present: z.number().int(), required: z.number().int() }),
  patrol: z.array(
    z.object({
      week: z.string(),
      patrols: z.number().int(),
      minutes: z.number(),
      distanceM: z.number(),
      buildingsPassed: z.number().int(),
      buildings: z.number().int(),
      coverage: z.number().nullable(),
      score: z.number().nullable(),
    }),
  ),
  performance: z.object({
    casesReported: z.number().int(),
    tasksOnTime: z.number().int(),
    tasksLate: z.number().int(),
    tasksOverdue: z.number().int(),
    alertsOnTime: z.number().int(),
    alertsLate: z.number().int(),
    alertsMissed: z.number().int(),
  }),
  residents: z.object({ count: z.number().int(), mean: z.number().nullable() }),
  /** The centre's decision on the month, if made. */
  decision: ZDecision.nullable(),
});
export type TSheet = z.infer<typeof ZSheet>;

export const ZSheetList = z.object({
  month: z.string(),
  items: z.array(ZSheet),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZDecisionParams = z.object({ id: z.string().regex(/^\d{1,18}$/), month: ZMonth });
export const ZDecisionBody = z.object({
  payCoefficient: z.number().min(0).max(10).nullable().optional(),
  rewardPenalty: z.string().trim().max(500).nullable().optional(),
  deployment: z.string().trim().max(500).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type TDecisionBody = z.infer<typeof ZDecisionBody>;

export const ZCountyParams = z.object({ county: z.string().regex(/^\d{6}$/) });
export const ZSettingsAnswer = z.object({
  county: z.string(),
  settings: z.record(z.string(), z.unknown()),
  isDefault: z.boolean(),
  defaults: z.record(z.string(), z.unknown()),
  updatedAt: z.string().nullable(),
});
export const ZSettingsBody = z.object({ settings: z.record(z.string(), z.unknown()) });

export const fieldErrors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export const ZWorkerRevealAnswer = z.object({ idNumber: z.string().nullable() });
