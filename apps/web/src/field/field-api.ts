// The server calls the field app makes, and the shapes it reads. Types only from @civgrid/contracts (a
// value import would bring zod into the bundle); the alerts and flat-command shapes live in the server's
// modules, so their fields are restated here as far as the app reads them.
import type {
  TBuildingDossier,
  TBuildingSummary,
  TCaseList,
  TCaseOpen,
  TCasePage,
  THouseDossier,
  THouseSummary,
  TPersonSummary,
} from '@civgrid/contracts';
import { ApiError, api, query } from '../lib/api.ts';

type Message = { zh: string; en: string };

export interface FieldAlert {
  id: string;
  rule: string;
  ruleLabel: Message;
  severity: 'low' | 'medium' | 'high';
  status: 'new' | 'dispatched' | 'acknowledged' | 'resolved' | 'false-alarm';
  statusLabel: Message;
  subject?: { kind: string; label?: string; idNumberMask?: string };
  houseCode?: string;
  gridCode: string;
  gridName: string;
  createdAt: string;
  ackDueAt: string;
  evidence: { summary: Message };
  assignee: { id: string; name: string } | null;
}

export interface FieldAlertPage extends FieldAlert {
  house: { code: string; address: string } | null;
  note: string | null;
  closedAt: string | null;
  history: { at: string; action: string; actor: string; note: string | null }[];
  allowed: ('acknowledge' | 'resolve' | 'false-alarm' | 'case')[];
}

export interface AlertList {
  alerts: FieldAlert[];
  total: number;
}

export interface InstructionReceipt {
  receivedAt: string | null;
  readAt: string | null;
  replies: { id: string; clientId: string; body: string; writtenAt: string }[];
}

export interface Instruction {
  id: string;
  title: string;
  body: string;
  deadline: string | null;
  replyRequired: boolean;
  sentAt: string;
  sender: { id: string; name: string; unit: string };
  mine: InstructionReceipt;
}

export interface InstructionList {
  items: Instruction[];
  total: number;
  unread: number;
}

/** The user's grids as the app keeps them for offline use (the field module's my-grid document). */
export interface GridDocument {
  generatedAt: string;
  grids: {
    code: string;
    name: string;
    /** GeoJSON Polygon or MultiPolygon (absent when read through the registers). */
    boundary?: { type: string; coordinates: unknown } | null;
  }[];
  buildings: {
    id: string;
    code: string;
    name: string;
    address: string;
    gridCode: string;
    lng: number;
    lat: number;
    units: number;
    floors: number;
  }[];
  houses: {
    id: string;
    code: string;
    buildingId: string | null;
    gridCode: string;
    address: string;
    unit: number | null;
    floor: number | null;
    room: string | null;
    use: string;
    registeredResidents: number;
  }[];
  /** Masked as the role sees them. */
  residents: {
    id: string;
    name: string;
    idNumber: string;
    gender: 'male' | 'female' | null;
    birthDate: string | null;
    phone: string | null;
    householdType: string;
    relation: string | null;
    houseId: string | null;
    gridCode: string;
    categories: string[];
  }[];
  /** People in attention categories: who to visit. */
  care: { personId: string; category: string; since: string }[];
  categories: { code: string; name: Message; careLimitHours: number | null }[];
  /** True when a register was cut at the page limit (a large jurisdiction, read through the registers). */
  isPartial?: boolean;
}

export type GridBuilding = GridDocument['buildings'][number];
export type GridHouse = GridDocument['houses'][number];
export type GridResident = GridDocument['residents'][number];

const PAGE = 200;
const MAX_PAGES = 25;

async function allPages<T>(path: string, params: Record<string, string>, signal?: AbortSignal) {
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await api.get<{ items: T[]; total: number }>(
      `${path}${query({ ...params, page, pageSize: PAGE })}`,
      signal ? { signal } : {},
    );
    items.push(...answer.items);
    if (items.length >= answer.total || answer.items.length < PAGE) return { items, isPartial: false };
  }
  return { items, isPartial: true };
}

/** The same document put together from the registers' lists (for a server without the field module). */
async function gridFromRegisters(scope: { code: string; name: string }, signal?: AbortSignal) {
  const under = { under: scope.code };
  const [buildings, houses, persons, categories] = await Promise.all([
    allPages<TBuildingSummary>('/api/v1/registry/buildings', under, signal),
    allPages<THouseSummary>('/api/v1/registry/houses', under, signal),
    allPages<TPersonSummary>('/api/v1/registry/persons', under, signal),
    api.get<{
      categories: { code: string; nameZh: string; nameEn: string; careLimitHours: number | null }[];
    }>('/api/v1/registry/categories', signal ? { signal } : {}),
  ]);
  const houseByAddress = new Map(houses.items.map((h) => [h.address, h.id]));
  const document: GridDocument = {
    generatedAt: new Date().toISOString(),
    grids: [scope],
    buildings: buildings.items,
    houses: houses.items.map((h) => ({ ...h, buildingId: h.building?.id ?? null })),
    residents: persons.items.map((p) => ({
      ...p,
      relation: null,
      houseId: p.address ? (houseByAddress.get(p.address) ?? null) : null,
    })),
    care: persons.items.flatMap((p) =>
      p.categories.map((category) => ({ personId: p.id, category, since: '' })),
    ),
    categories: categories.categories.map((c) => ({
      code: c.code,
      name: { zh: c.nameZh, en: c.nameEn },
      careLimitHours: c.careLimitHours,
    })),
    isPartial: buildings.isPartial || houses.isPartial || persons.isPartial,
  };
  return document;
}

/** The user's grids: the field module's document, or the registers' lists where it is missing. */
export async function loadGrid(scope: { code: string; name: string }, signal?: AbortSignal) {
  try {
    return await api.get<GridDocument>('/api/v1/field/my-grid', signal ? { signal } : {});
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
    return gridFromRegisters(scope, signal);
  }
}

export const buildingDossier = (id: string, signal?: AbortSignal) =>
  api.get<TBuildingDossier>(`/api/v1/registry/buildings/${encodeURIComponent(id)}`, signal ? { signal } : {});

export const houseDossier = (id: string, signal?: AbortSignal) =>
  api.get<THouseDossier>(`/api/v1/registry/houses/${encodeURIComponent(id)}`, signal ? { signal } : {});

/** The building with exactly this code in the user's jurisdiction, or null. */
export async function findBuildingByCode(code: string): Promise<TBuildingSummary | null> {
  const answer = await api.get<{ items: TBuildingSummary[] }>(
    `/api/v1/registry/buildings${query({ q: code, pageSize: 20 })}`,
  );
  return answer.items.find((b) => b.code.toUpperCase() === code.toUpperCase()) ?? null;
}

/** The building a scanned label names (404 outside the jurisdiction, like a forged label). */
export const resolveLabel = (token: string) =>
  api.get<{ buildingId: string }>(`/api/v1/registry/labels/${encodeURIComponent(token)}`);

// Cases --------------------------------------------------------------------------------------------------

/** What the app sends to open a case: the staff form plus the client id (kept by a server that knows it). */
export type CaseReportBody = Omit<TCaseOpen, 'priority' | 'personIds' | 'register'> & {
  clientId: string;
  priority?: 'normal' | 'urgent';
};

export const openCase = (body: CaseReportBody) => api.post<TCasePage>('/api/v1/cases', body);

export const casePage = (id: string) => api.get<TCasePage>(`/api/v1/cases/${encodeURIComponent(id)}`);

export const caseStep = (id: string, body: Record<string, unknown>) =>
  api.post<TCasePage>(`/api/v1/cases/${encodeURIComponent(id)}/steps`, body);

/** Cases in the user's jurisdiction in one status (a report just sent is `reported`, or `registered`). */
export const casesIn = (status: 'reported' | 'registered') =>
  api.get<TCaseList>(`/api/v1/cases${query({ queue: 'all', status, pageSize: 100 })}`);

/** Sends one photo of a case (multipart, like the portal's reports). */
export async function uploadCasePhoto(caseId: string, photo: Blob, name: string): Promise<void> {
  const form = new FormData();
  form.append('photos', photo, name);
  let response: Response;
  try {
    response = await fetch(`/api/v1/cases/${encodeURIComponent(caseId)}/photos`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN' },
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
  if (response.ok) return;
  const body = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string; field?: string };
  } | null;
  const error = body?.error;
  throw new ApiError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    error?.message ?? response.statusText,
    error?.field,
  );
}

// Alerts and instructions --------------------------------------------------------------------------------

/** The open alerts of the user's jurisdiction (a grid worker's grid, a police officer's community). */
export const myAlerts = () => api.get<AlertList>(`/api/v1/alerts${query({ status: 'open', pageSize: 100 })}`);

export const alertPage = (id: string) => api.get<FieldAlertPage>(`/api/v1/alerts/${encodeURIComponent(id)}`);

export type AlertCommand = 'ack' | 'resolve' | 'false-alarm';

export const alertStep = (id: string, command: AlertCommand, note?: string) =>
  api.post<FieldAlertPage>(`/api/v1/alerts/${encodeURIComponent(id)}/${command}`, note ? { note } : {});

export const myInstructions = () =>
  api.get<InstructionList>(`/api/v1/instructions/mine${query({ pageSize: 100 })}`);

export const readReceipt = (id: string, clientId: string, at: string) =>
  api.post(`/api/v1/instructions/${encodeURIComponent(id)}/read`, { clientId, at });

export const replyToInstruction = (id: string, clientId: string, body: string, at: string) =>
  api.post(`/api/v1/instructions/${encodeURIComponent(id)}/replies`, { clientId, body, at });
