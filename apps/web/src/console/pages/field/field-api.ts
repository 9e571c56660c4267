// The grid worker API as the console uses it (apps/server/src/modules/field/schemas.ts).
import type { Message } from '@civgrid/domain';

export const FIELD_API = '/api/v1/field';
export const ROSTER_PATH = '/field-workers';
export const ASSESSMENTS_PATH = '/field-assessments';

export interface TWorkerSummary {
  id: string;
  username: string;
  name: string;
  unit: { code: string; name: string };
  grids: { code: string; name: string }[];
  title: string | null;
  badgeNo: string | null;
  idNumber: string | null;
  recruitedOn: string | null;
  leftOn: string | null;
  isActive: boolean;
}

export interface TDecision {
  month: string;
  score: number;
  grade: Grade;
  gradeLabel: Message;
  payCoefficient: number | null;
  rewardPenalty: string | null;
  deployment: string | null;
  note: string | null;
  decidedBy: string;
  decidedAt: string;
}

export interface TEquipment {
  item: string;
  serial?: string | null;
  issuedOn?: string | null;
}

export interface TWorker extends TWorkerSummary {
  equipment: TEquipment[];
  duties: string | null;
  registrationFile: string | null;
  assessments: TDecision[];
  updatedAt: string | null;
  canReveal: boolean;
}

export interface TRoster {
  items: TWorkerSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export type Grade = 'excellent' | 'good' | 'pass' | 'fail';
export const PARTS = ['daily', 'patrol', 'performance', 'residents'] as const;
export type Part = (typeof PARTS)[number];

export interface TSheet {
  worker: { id: string; name: string; unit: string; badgeNo: string | null };
  month: string;
  county: string;
  score: number | null;
  grade: Grade | null;
  gradeLabel: Message | null;
  payCoefficient: number | null;
  parts: Record<Part, number | null>;
  shares: Record<Part, number>;
  daily: { present: number; required: number };
  patrol: {
    week: string;
    patrols: number;
    minutes: number;
    distanceM: number;
    buildingsPassed: number;
    buildings: number;
    coverage: number | null;
    score: number | null;
  }[];
  performance: Record<string, number>;
  residents: { count: number; mean: number | null };
  decision: TDecision | null;
}

export interface TSheetList {
  month: string;
  items: TSheet[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TTrack {
  worker: { id: string; name: string };
  week: string;
  check: {
    patrols: number;
    minutes: number;
    distanceM: number;
    buildings: number;
    buildingsPassed: number;
    coverage: number | null;
    score: number | null;
  };
  patrols: { id: string; startedAt: string; endedAt: string | null; points: [number, number, number][] }[];
  buildings: { id: string; code: string; lng: number; lat: number; passed: boolean }[];
}

export interface TSettingsAnswer {
  county: string;
  settings: TSettings;
  isDefault: boolean;
  defaults: TSettings;
  updatedAt: string | null;
}

export interface TSettings {
  weights: Record<Part, number>;
  grades: { excellent: number; good: number; pass: number };
  patrol: { radiusM: number; coverageTarget: number; kmPerWeek: number; minutesPerWeek: number };
  performance: { reportsPerMonth: number };
}

/** A part's score as shown: one decimal, or a dash when the month had nothing to judge it by. */
export const partText = (value: number | null) => (value === null ? '—' : value.toFixed(1));
