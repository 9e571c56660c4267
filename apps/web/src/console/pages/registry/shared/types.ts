// The registry's API shapes as TypeScript types. The contracts package exports the zod schemas but only
// some of their inferred types; the rest are inferred here (types only: no zod reaches the bundle).
import type {
  ZAttentionCategory,
  ZBuildingSummary,
  ZDeviceDossier,
  ZDeviceSummary,
  ZHistoryEntry,
  ZHouseSummary,
  ZLabel,
  ZLabelResolved,
  ZLabelSheet,
  ZOrganisationDossier,
  ZOrganisationSummary,
  ZPersonTag,
  ZRevealResult,
  ZRightsRequest,
  ZRightsResult,
  ZTagCreate,
  ZVehicleDossier,
  ZVehicleSummary,
} from '@civgrid/contracts';
import type { z } from 'zod';

export type {
  TBuildingDossier,
  THouseDossier,
  TImportResult,
  TPersonDossier,
  TPersonSummary,
  TPersonUpdate,
  TRef,
} from '@civgrid/contracts';

export type TAttentionCategory = z.infer<typeof ZAttentionCategory>;
export type TBuildingSummary = z.infer<typeof ZBuildingSummary>;
export type TDeviceDossier = z.infer<typeof ZDeviceDossier>;
export type TDeviceSummary = z.infer<typeof ZDeviceSummary>;
export type THistoryEntry = z.infer<typeof ZHistoryEntry>;
export type THouseSummary = z.infer<typeof ZHouseSummary>;
export type TLabel = z.infer<typeof ZLabel>;
export type TLabelResolved = z.infer<typeof ZLabelResolved>;
export type TLabelSheet = z.infer<typeof ZLabelSheet>;
export type TOrganisationDossier = z.infer<typeof ZOrganisationDossier>;
export type TOrganisationSummary = z.infer<typeof ZOrganisationSummary>;
export type TPersonTag = z.infer<typeof ZPersonTag>;
export type TRevealResult = z.infer<typeof ZRevealResult>;
export type TRightsRequest = z.infer<typeof ZRightsRequest>;
export type TRightsResult = z.infer<typeof ZRightsResult>;
export type TTagCreate = z.input<typeof ZTagCreate>;
export type TVehicleDossier = z.infer<typeof ZVehicleDossier>;
export type TVehicleSummary = z.infer<typeof ZVehicleSummary>;
