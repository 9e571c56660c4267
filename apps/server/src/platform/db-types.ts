// Kysely table types, kept by hand beside the migrations (one interface per table).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint ids come back from pg as strings; they are passed around as strings. */
type Id = ColumnType<string, never, never>;
type RefId = ColumnType<string, string | number, string | number>;
/** A nullable column added later: may be left out of an insert. */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface OrgUnitTable {
  id: Id;
  level: 'city' | 'county' | 'township' | 'village' | 'grid';
  code: string;
  name: string;
  parent_id: RefId | null;
  org_path: string;
  boundary: unknown | null;
  bbox: string | null;
  centre_lng: number | null;
  centre_lat: number | null;
  smart_community: Generated<boolean>;
  created_at: DefaultTimestamp;
}

export interface BuildingTable {
  id: Id;
  code: string;
  grid_id: RefId;
  org_path: string;
  name: string;
  address: string;
  lng: number;
  lat: number;
  units: Generated<number>;
  floors: Generated<number>;
  label_token: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface HouseTable {
  id: Id;
  code: string;
  building_id: RefId | null;
  org_path: string;
  unit: number | null;
  floor: number | null;
  room: string | null;
  address: string;
  area_m2: string | null;
  use: Generated<string>;
  registered_residents: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PersonTable {
  id: Id;
  org_path: string;
  id_number_enc: Buffer;
  id_number_hash: Buffer;
  id_number_mask: string;
  name: string;
  gender: 'male' | 'female' | null;
  birth_date: ColumnType<string | null, string | null, string | null>;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_mask: string | null;
  household_type: Generated<string>;
  house_id: RefId | null;
  relation: string | null;
  name_initials: Generated<string>;
  id_last4: Generated<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AttentionCategoryTable {
  code: string;
  name_zh: string;
  name_en: string;
  care_limit_hours: number | null;
  is_active: Generated<boolean>;
  created_at: DefaultTimestamp;
}

export interface PersonTagTable {
  id: Id;
  person_id: RefId;
  org_path: string;
  category: string;
  reason: string;
  valid_from: Timestamp;
  valid_until: Timestamp | null;
  set_by: string;
  set_at: DefaultTimestamp;
}

export interface VehicleTable {
  id: Id;
  plate: string;
  plate_kind: string;
  org_path: string;
  owner_person_id: RefId | null;
  brand: string | null;
  colour: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface DeviceTable {
  id: Id;
  code: string;
  type: 'face' | 'plate' | 'door' | 'wifi' | 'checkpoint' | 'phone';
  name: string;
  org_path: string;
  grid_id: RefId;
  lng: number;
  lat: number;
  house_id: RefId | null;
  building_id: RefId | null;
  owner_person_id: RefId | null;
  mac_hash: Buffer | null;
  offline_minutes: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface OrganisationTable {
  id: Id;
  code: string;
  kind:
    | 'party-branch'
    | 'residents-committee'
    | 'owners-committee'
    | 'property-company'
    | 'building-head'
    | 'service-station';
  name: string;
  unit_id: RefId;
  org_path: string;
  building_id: RefId | null;
  contact_name: string | null;
  contact_phone_enc: Buffer | null;
  contact_phone_hash: Buffer | null;
  contact_phone_mask: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface DataSubjectRequestTable {
  id: Id;
  kind: 'export' | 'correction' | 'deletion';
  person_id: RefId | null;
  org_path: string;
  requested_by: string;
  reason: string;
  outcome: 'done' | 'refused';
  outcome_reason: string | null;
  decided_by: string;
  decided_at: DefaultTimestamp;
}

export interface AppUserTable {
  id: Id;
  username: string;
  display_name: string;
  role: string;
  scope_id: RefId;
  org_path: string;
  password_hash: string;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UserSessionTable {
  token_hash: Buffer;
  user_id: RefId;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: Id;
  name: string;
  key_hash: Buffer;
  key_prefix: string;
  org_path: string;
  created_by: RefId | null;
  created_at: DefaultTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  device_id: RefId | null;
}

/** What an audit row says: the same columns in the inbox and in the chain. */
interface AuditRowColumns {
  at: Timestamp;
  actor_id: RefId | null;
  actor: string;
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  target_type: string | null;
  target_id: string | null;
  org_path: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
}

export interface AuditLogTable extends AuditRowColumns {
  seq: ColumnType<string, number | string, never>;
  prev_hash: string;
  hash: string;
}

/** Audit rows committed with their work, waiting to be chained into `audit_log` (migration 0017). */
export interface AuditInboxTable extends AuditRowColumns {
  id: Generated<string>;
}

export interface AuditHeadTable {
  id: ColumnType<boolean, never, never>;
  seq: ColumnType<string, never, number | string>;
  hash: string;
}

export interface AppSettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: DefaultTimestamp;
}

export type SensingEventType = 'face' | 'plate' | 'door' | 'wifi';
export type SubjectKind = 'person' | 'vehicle' | 'device' | 'card';

export interface SensingSubjectTable {
  id: Id;
  kind: SubjectKind;
  hash: Buffer;
  sealed: Buffer | null;
  last_seen: Timestamp;
}

export interface SensingEventTable {
  time: Timestamp;
  device_id: RefId;
  event_id: string;
  type: SensingEventType;
  direction: 'in' | 'out' | null;
  subject_id: RefId | null;
  confidence: number | null;
  snapshot_ref: string | null;
}

export interface SensingDeadLetterTable {
  id: Id;
  received_at: Timestamp;
  source: 'http' | 'mqtt' | 'viid';
  api_key_id: RefId | null;
  device_code: string | null;
  event_id: string | null;
  code: string;
  message: string;
  payload: unknown;
}

export interface DeviceStatusTable {
  device_id: RefId;
  last_event_at: Timestamp | null;
  last_heartbeat_at: Timestamp | null;
}

export interface AccessCardTable {
  card_hash: Buffer;
  person_id: RefId;
  org_path: string;
  issued_at: DefaultTimestamp;
}

export interface CaseCategoryTable {
  code: string;
  name_zh: string;
  name_en: string;
  limits: ColumnType<Record<string, number>, string, string>;
  position: number;
  is_active: Generated<boolean>;
  updated_at: DefaultTimestamp;
}

export interface CaseFileTable {
  id: Id;
  tracking_no: string;
  version: Generated<number>;
  source: string;
  category_code: string;
  priority: 'normal' | 'urgent';
  title: string;
  description: string;
  lng: number | null;
  lat: number | null;
  address: string | null;
  grid_id: RefId | null;
  org_path: string;
  origin_level: string;
  holder_level: string;
  status: string;
  is_open: boolean;
  limits: ColumnType<Record<string, number>, string, string>;
  opened_at: Timestamp;
  updated_at: Timestamp;
  status_since: Timestamp;
  holder_since: Timestamp;
  handover_at: Timestamp | null;
  step_due_at: Timestamp | null;
  due_at: Timestamp;
  closed_at: Timestamp | null;
  round: Generated<number>;
  escalations: Generated<number>;
  reopen_count: Generated<number>;
  instructions: string | null;
  supervision_level: string | null;
  supervision_at: Timestamp | null;
  supervision_note: string | null;
  supervision_due_at: Timestamp | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Timestamp | null;
  rated_by: string | null;
  evaluation_due_at: Timestamp | null;
  reporter_name: string | null;
  reporter_phone_enc: Buffer | null;
  reporter_phone_hash: Buffer | null;
  reporter_phone_mask: string | null;
  opened_by: RefId | null;
  created_at: DefaultTimestamp;
  resident_secret_hash: Optional<Buffer>;
  reporter_openid_enc: Optional<Buffer>;
  reporter_openid_hash: Optional<Buffer>;
  opened_by_key: Optional<string>;
  client_id: Optional<string>;
}

export interface CasePhotoTable {
  id: Id;
  case_id: RefId;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Buffer;
  size: number;
  sha256: Buffer;
  added_at: Timestamp;
  added_by: string;
}

export interface OutboxTable {
  id: Id;
  topic: string;
  channel: string;
  recipient_enc: Buffer | null;
  case_id: RefId | null;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  delivered_at: Timestamp | null;
  last_error: string | null;
}

export interface CaseTaskTable {
  case_id: RefId;
  no: number;
  round: number;
  assignee_kind: 'department' | 'grid-worker' | 'police';
  assignee_user_id: RefId;
  instructions: string;
  whistle: number | null;
  status: string;
  assigned_at: Timestamp;
  ack_due_at: Timestamp;
  due_at: Timestamp;
  accepted_at: Timestamp | null;
  finished_at: Timestamp | null;
  report: string | null;
  reworks: Generated<number>;
}

export interface CaseWhistleTable {
  case_id: RefId;
  no: number;
  at: Timestamp;
  ack_minutes: number;
  instructions: string;
}

export interface CaseTimelineTable {
  id: Id;
  case_id: RefId;
  at: Timestamp;
  step: string;
  key: string;
  actor_kind: string;
  actor_role: string | null;
  actor_level: string | null;
  actor_user_id: RefId | null;
  actor_name: string | null;
  from_status: string | null;
  to_status: string;
  holder_from: string | null;
  holder_to: string;
  params: ColumnType<Record<string, string | number>, string, string>;
}

export interface CasePersonTable {
  case_id: RefId;
  person_id: RefId;
  relation: Generated<string>;
}

export type AlertStatus = 'new' | 'dispatched' | 'acknowledged' | 'resolved' | 'false-alarm';

export interface AlertRuleSettingTable {
  id: Id;
  rule: string;
  category: string | null;
  settings: ColumnType<Record<string, unknown>, string, string>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface AlertTable {
  id: Id;
  rule: string;
  dedup_key: string;
  situation_at: Timestamp;
  severity: 'low' | 'medium' | 'high';
  status: AlertStatus;
  subject_kind: 'person' | 'vehicle' | 'device' | 'identity' | null;
  person_id: RefId | null;
  vehicle_id: RefId | null;
  device_id: RefId | null;
  sensing_subject_id: RefId | null;
  subject_hash: Buffer | null;
  house_id: RefId | null;
  building_id: RefId | null;
  grid_id: RefId;
  org_path: string;
  evidence: ColumnType<Record<string, unknown>, string, string>;
  raised_at: Timestamp;
  raised_by: string;
  level: Generated<'grid' | 'township'>;
  assignee_id: RefId | null;
  dispatched_at: Timestamp | null;
  ack_due_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: RefId | null;
  escalated_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_by: RefId | null;
  note: string | null;
  case_id: RefId | null;
  version: Generated<number>;
}

export interface AlertActionTable {
  id: Id;
  alert_id: RefId;
  at: Timestamp;
  action: string;
  actor: string;
  actor_user_id: RefId | null;
  note: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface ModelRunTable {
  id: Id;
  as_of: Timestamp;
  started_at: Timestamp;
  finished_at: Timestamp;
  trigger: 'schedule' | 'admin';
  run_by: string;
  summary: ColumnType<Record<string, unknown>, string, string>;
}

export interface DB {
  org_unit: OrgUnitTable;
  building: BuildingTable;
  house: HouseTable;
  person: PersonTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_key: ApiKeyTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_inbox: AuditInboxTable;
  app_setting: AppSettingTable;
  attention_category: AttentionCategoryTable;
  person_tag: PersonTagTable;
  vehicle: VehicleTable;
  device: DeviceTable;
  organisation: OrganisationTable;
  data_subject_request: DataSubjectRequestTable;
  sensing_subject: SensingSubjectTable;
  sensing_event: SensingEventTable;
  sensing_dead_letter: SensingDeadLetterTable;
  device_status: DeviceStatusTable;
  access_card: AccessCardTable;
  case_category: CaseCategoryTable;
  case_file: CaseFileTable;
  case_task: CaseTaskTable;
  case_whistle: CaseWhistleTable;
  case_timeline: CaseTimelineTable;
  case_person: CasePersonTable;
  case_photo: CasePhotoTable;
  outbox: OutboxTable;
  alert_rule_setting: AlertRuleSettingTable;
  alert: AlertTable;
  alert_action: AlertActionTable;
  model_run: ModelRunTable;
}

// 0013: watchlists and the live push (merged into DB above by declaration merging).
export interface WatchlistEntryTable {
  id: Id;
  subject_kind: 'person' | 'vehicle' | 'device';
  subject_form: 'id-number' | 'plate' | 'mac' | 'device-code';
  subject_hash: Buffer;
  subject_display: string;
  person_id: RefId | null;
  vehicle_id: RefId | null;
  device_id: RefId | null;
  reason: string;
  valid_from: Timestamp;
  valid_to: Timestamp;
  status: 'pending' | 'active' | 'rejected' | 'revoked';
  org_path: string;
  requested_by: RefId;
  requested_at: Timestamp;
  decided_by: RefId | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  revoked_by: RefId | null;
  revoked_at: Timestamp | null;
  revoke_note: string | null;
  hit_count: Generated<number>;
  last_hit_at: Timestamp | null;
}

export interface AlertEventTable {
  seq: ColumnType<string, string | number, never>;
  alert_id: RefId;
  org_path: string;
  at: DefaultTimestamp;
  txid: ColumnType<string, never, never>;
}

export interface DB {
  watchlist_entry: WatchlistEntryTable;
  alert_event: AlertEventTable;
}

// 0014: flat command and field work.
export interface InstructionTable {
  id: Id;
  sender_id: RefId;
  client_id: string;
  org_path: string;
  title: string;
  body: string;
  deadline: Timestamp | null;
  reply_required: boolean;
  target_units: string[];
  target_roles: string[];
  sent_at: Timestamp;
}

export interface InstructionRecipientTable {
  instruction_id: RefId;
  user_id: RefId;
  role: string;
  org_path: string;
  received_at: Timestamp | null;
  read_at: Timestamp | null;
  read_client_id: string | null;
  first_reply_at: Timestamp | null;
  replies: Generated<number>;
  reminders: Generated<number>;
  last_reminded_at: Timestamp | null;
}

export interface InstructionReplyTable {
  id: Id;
  instruction_id: RefId;
  user_id: RefId;
  client_id: string;
  body: string;
  written_at: Timestamp;
  received_at: Timestamp;
}

export interface InstructionReminderTable {
  id: Id;
  instruction_id: RefId;
  sent_by: RefId;
  at: Timestamp;
  target: 'unread' | 'unreplied';
  user_ids: string[];
}

export interface FieldWorkerTable {
  user_id: RefId;
  title: string | null;
  badge_no: string | null;
  id_number_enc: Buffer | null;
  id_number_hash: Buffer | null;
  id_number_mask: string | null;
  equipment: ColumnType<unknown[], string | undefined, string>;
  duties: string | null;
  registration_file: string | null;
  recruited_on: ColumnType<string | null, string | null, string | null>;
  left_on: ColumnType<string | null, string | null, string | null>;
  updated_by: RefId | null;
  updated_at: Timestamp;
}

export interface FieldWorkerGridTable {
  user_id: RefId;
  grid_id: RefId;
  org_path: string;
  assigned_at: Timestamp;
}

export interface FieldCheckinTable {
  id: Id;
  user_id: RefId;
  client_id: string;
  org_path: string;
  kind: 'in' | 'out';
  at: Timestamp;
  received_at: Timestamp;
  lng: number | null;
  lat: number | null;
  accuracy: number | null;
}

export interface FieldPatrolTable {
  id: Id;
  user_id: RefId;
  client_id: string;
  org_path: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  received_at: Timestamp;
}

export interface FieldPatrolPointTable {
  patrol_id: RefId;
  client_id: string;
  at: Timestamp;
  lng: number;
  lat: number;
  accuracy: number | null;
}

export interface FieldAssessmentSettingTable {
  county_id: RefId;
  settings: ColumnType<Record<string, unknown>, string, string>;
  updated_by: RefId;
  updated_at: Timestamp;
}

export interface FieldAssessmentTable {
  user_id: RefId;
  month: ColumnType<string, string, string>;
  org_path: string;
  score: ColumnType<string, number | string, number | string>;
  grade: string;
  sheet: ColumnType<Record<string, unknown>, string, string>;
  pay_coefficient: ColumnType<string | null, number | string | null, number | string | null>;
  reward_penalty: string | null;
  deployment: string | null;
  note: string | null;
  decided_by: RefId;
  decided_at: Timestamp;
}

export interface DB {
  instruction: InstructionTable;
  instruction_recipient: InstructionRecipientTable;
  instruction_reply: InstructionReplyTable;
  instruction_reminder: InstructionReminderTable;
  field_worker: FieldWorkerTable;
  field_worker_grid: FieldWorkerGridTable;
  field_checkin: FieldCheckinTable;
  field_patrol: FieldPatrolTable;
  field_patrol_point: FieldPatrolPointTable;
  field_assessment_setting: FieldAssessmentSettingTable;
  field_assessment: FieldAssessmentTable;
}

// --- 0016 satisfaction survey ---

export interface SatisfactionSurveyResponseTable {
  id: Id;
  grid_id: RefId;
  org_path: string;
  month: string;
  rating: number;
  comment: string | null;
  respondent_hash: Buffer;
  created_at: DefaultTimestamp;
}

export interface DB {
  satisfaction_survey_response: SatisfactionSurveyResponseTable;
}
