// The registers (一人一档、一车一档、一房一档、一机一档) as the console and scripts see them.
// Identity and phone numbers are always masked here; plaintext only comes from the audited reveal.
import { IMPORT_KINDS } from '@civgrid/domain';
import { z } from 'zod';
import { pageOf, ZPageQuery } from './common.ts';

export { IMPORT_KINDS };
export type TImportKind = (typeof IMPORT_KINDS)[number];

/** `POST /api/v1/import/{kind}?dryRun=` — NDJSON body; the contract's answer plus extras. */
export const ZImportQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
export const ZImportResult = z.object({
  accepted: z.number().int(),
  rejected: z.array(
    z.object({ line: z.number().int(), code: z.string(), message: z.string(), field: z.string().optional() }),
  ),
  created: z.number().int(),
  updated: z.number().int(),
  dryRun: z.boolean(),
});
export type TImportResult = z.infer<typeof ZImportResult>;

const ZRef = z.object({ id: z.string(), code: z.string(), label: z.string() });
export type TRef = z.infer<typeof ZRef>;

export const ZRegisterQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  /** Limit to one grid, village, township or county by its code. */
  under: z.string().max(32).optional(),
  category: z.string().max(40).optional(),
});

export type TRegisterQuery = z.infer<typeof ZRegisterQuery>;

export const ZPersonTag = z.object({
  id: z.string(),
  category: z.string(),
  categoryName: z.string(),
  reason: z.string(),
  from: z.string(),
  until: z.string().nullable(),
  setBy: z.string(),
  isActive: z.boolean(),
});

export const ZPersonSummary = z.object({
  id: z.string(),
  name: z.string(),
  idNumber: z.string(), // masked
  gender: z.enum(['male', 'female']).nullable(),
  birthDate: z.string().nullable(),
  phone: z.string().nullable(), // masked
  householdType: z.enum(['registered', 'floating', 'overseas']),
  gridCode: z.string(),
  address: z.string().nullable(),
  categories: z.array(z.string()),
});
export type TPersonSummary = z.infer<typeof ZPersonSummary>;

export const ZHistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).optional(),
  note: z.string().optional(),
});

export const ZPersonDossier = z.object({
  person: ZPersonSummary.extend({
    relation: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  tags: z.array(ZPersonTag),
  house: ZRef.nullable(),
  building: ZRef.nullable(),
  household: z.array(z.object({ id: z.string(), name: z.string(), relation: z.string().nullable() })),
  vehicles: z.array(ZRef),
  devices: z.array(ZRef),
  organisations: z.array(ZRef),
  history: z.array(ZHistoryEntry),
  canReveal: z.boolean(),
});
export type TPersonDossier = z.infer<typeof ZPersonDossier>;

export const ZRevealRequest = z.object({
  reason: z.string().trim().min(4).max(200),
  caseId: z.string().max(40).optional(),
});
export const ZRevealResult = z.object({ idNumber: z.string(), phone: z.string().nullable() });

export const ZPersonUpdate = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  householdType: z.enum(['registered', 'floating', 'overseas']).optional(),
  relation: z.string().trim().max(20).nullable().optional(),
  houseCode: z.string().max(40).nullable().optional(),
});
export type TPersonUpdate = z.infer<typeof ZPersonUpdate>;

export const ZTagCreate = z.object({
  category: z.string().max(40),
  reason: z.string().trim().min(1).max(200),
  from: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});
export const ZTagEnd = z.object({ reason: z.string().trim().min(1).max(200) });

export const ZHouseSummary = z.object({
  id: z.string(),
  code: z.string(),
  address: z.string(),
  gridCode: z.string(),
  building: ZRef.nullable(),
  unit: z.number().int().nullable(),
  floor: z.number().int().nullable(),
  room: z.string().nullable(),
  areaM2: z.number().nullable(),
  use: z.enum(['owner-occupied', 'rented', 'vacant', 'business']),
  registeredResidents: z.number().int(),
  residents: z.number().int(),
});
export const ZHouseDossier = z.object({
  house: ZHouseSummary,
  residents: z.array(ZPersonSummary),
  devices: z.array(ZRef),
  history: z.array(ZHistoryEntry),
});
export type THouseDossier = z.infer<typeof ZHouseDossier>;

export const ZBuildingSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  gridCode: z.string(),
  lng: z.number(),
  lat: z.number(),
  units: z.number().int(),
  floors: z.number().int(),
  houses: z.number().int(),
  residents: z.number().int(),
});
export const ZBuildingDossier = z.object({
  building: ZBuildingSummary,
  houses: z.array(ZHouseSummary),
  organisations: z.array(ZRef),
  devices: z.array(ZRef),
  history: z.array(ZHistoryEntry),
});
export type TBuildingDossier = z.infer<typeof ZBuildingDossier>;

export const ZVehicleSummary = z.object({
  id: z.string(),
  plate: z.string(),
  plateKind: z.string(),
  gridCode: z.string(),
  owner: ZRef.nullable(), // label = owner's name; the owner's identity number is not shown here
  brand: z.string().nullable(),
  colour: z.string().nullable(),
});
export const ZVehicleDossier = z.object({ vehicle: ZVehicleSummary, history: z.array(ZHistoryEntry) });

export const ZDeviceSummary = z.object({
  id: z.string(),
  code: z.string(),
  type: z.enum(['face', 'plate', 'door', 'wifi', 'checkpoint', 'phone']),
  name: z.string(),
  gridCode: z.string(),
  lng: z.number(),
  lat: z.number(),
  house: ZRef.nullable(),
  building: ZRef.nullable(),
  owner: ZRef.nullable(),
});
export const ZDeviceDossier = z.object({ device: ZDeviceSummary, history: z.array(ZHistoryEntry) });

export const ZOrganisationSummary = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum([
    'party-branch',
    'residents-committee',
    'owners-committee',
    'property-company',
    'building-head',
    'service-station',
  ]),
  name: z.string(),
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  building: ZRef.nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(), // masked
});
export const ZOrganisationDossier = z.object({
  organisation: ZOrganisationSummary,
  history: z.array(ZHistoryEntry),
});

export const ZPersonList = pageOf(ZPersonSummary);
export const ZHouseList = pageOf(ZHouseSummary);
export const ZBuildingList = pageOf(ZBuildingSummary);
export const ZVehicleList = pageOf(ZVehicleSummary);
export const ZDeviceList = pageOf(ZDeviceSummary);
export const ZOrganisationList = pageOf(ZOrganisationSummary);

export const ZAttentionCategory = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(60),
  careLimitHours: z.number().int().positive().nullable(),
  isActive: z.boolean(),
});
export const ZAttentionCategoryList = z.object({ categories: z.array(ZAttentionCategory) });

/** Building QR labels: the QR encodes `url`, an opaque signed link; nothing personal. */
export const ZLabel = z.object({
  buildingId: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  url: z.string(),
  qrSvg: z.string(),
});
export const ZLabelSheet = z.object({ gridCode: z.string(), gridName: z.string(), labels: z.array(ZLabel) });
export const ZLabelResolved = z.object({ buildingId: z.string() });

/** Residents' rights under PIPL arts. 44–47. */
export const ZRightsRequest = z.object({
  kind: z.enum(['export', 'correction', 'deletion']),
  reason: z.string().trim().min(4).max(500),
  decision: z.enum(['done', 'refused']),
  refusalReason: z.string().trim().min(4).max(500).optional(),
  changes: ZPersonUpdate.optional(),
});
export const ZRightsResult = z.object({
  requestId: z.string(),
  outcome: z.enum(['done', 'refused']),
  /** For an export: everything held on the person, identity and phone in clear for the person themself. */
  data: z.record(z.string(), z.unknown()).optional(),
});

export type THouseSummary = z.infer<typeof ZHouseSummary>;
export type TBuildingSummary = z.infer<typeof ZBuildingSummary>;
export type TVehicleSummary = z.infer<typeof ZVehicleSummary>;
export type TDeviceSummary = z.infer<typeof ZDeviceSummary>;
export type TOrganisationSummary = z.infer<typeof ZOrganisationSummary>;
export type TVehicleDossier = z.infer<typeof ZVehicleDossier>;
export type TDeviceDossier = z.infer<typeof ZDeviceDossier>;
export type TOrganisationDossier = z.infer<typeof ZOrganisationDossier>;
export type TAttentionCategory = z.infer<typeof ZAttentionCategory>;
export type TLabelSheet = z.infer<typeof ZLabelSheet>;
export type TRightsRequest = z.infer<typeof ZRightsRequest>;
export type TRightsResult = z.infer<typeof ZRightsResult>;
export type THistoryEntry = z.infer<typeof ZHistoryEntry>;
export type TLabel = z.infer<typeof ZLabel>;
export type TLabelResolved = z.infer<typeof ZLabelResolved>;
export type TPersonTag = z.infer<typeof ZPersonTag>;
export type TRevealResult = z.infer<typeof ZRevealResult>;
export type TTagCreate = z.input<typeof ZTagCreate>;
