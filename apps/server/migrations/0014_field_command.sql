-- Field work and flat command (扁平指挥): instructions sent by a centre to the users of chosen areas and
-- roles, with their receipts, replies and reminders; the grid workers' roster (the "five uniform" items)
-- and the grids assigned to them; daily check-ins and patrols recorded by the field app; the county's
-- assessment settings and the monthly assessment decisions. Everything the field app writes carries a
-- client-generated id, unique per user, so an offline queue that replays a write changes nothing.

-- One instruction. `org_path` is the sender's jurisdiction: the centres whose scope holds it see it as
-- senders do (counts, recipients); recipients see it through their own row below, never by path.
create table instruction (
  id bigint generated always as identity primary key,
  sender_id bigint not null references app_user (id),
  client_id uuid not null,
  org_path ltree not null,
  title text not null check (length(title) between 1 and 200),
  body text not null check (length(body) between 1 and 4000),
  deadline timestamptz,
  reply_required boolean not null,
  -- what the sender chose; the recipients were resolved from it once, at sending
  target_units text[] not null,
  target_roles text[] not null,
  sent_at timestamptz not null,
  unique (sender_id, client_id)
);
create index instruction_path_idx on instruction ((org_path::text) text_pattern_ops);
create index instruction_sent_idx on instruction (sent_at);

-- Who an instruction went to, resolved at sending and never recomputed: a user moved or created later
-- does not receive it, one moved away keeps it. `received_at` is the first time the recipient's app
-- fetched it; `read_at` the receipt (the app's time, within sending and arrival).
create table instruction_recipient (
  instruction_id bigint not null references instruction (id) on delete cascade,
  user_id bigint not null references app_user (id),
  role text not null,
  org_path ltree not null,
  received_at timestamptz,
  read_at timestamptz,
  read_client_id uuid,
  first_reply_at timestamptz,
  replies integer not null default 0,
  reminders integer not null default 0,
  last_reminded_at timestamptz,
  primary key (instruction_id, user_id)
);
create index instruction_recipient_user_idx on instruction_recipient (user_id, instruction_id);

create table instruction_reply (
  id bigint generated always as identity primary key,
  instruction_id bigint not null,
  user_id bigint not null,
  client_id uuid not null,
  body text not null check (length(body) between 1 and 2000),
  written_at timestamptz not null,
  received_at timestamptz not null,
  foreign key (instruction_id, user_id) references instruction_recipient (instruction_id, user_id)
    on delete cascade,
  unique (instruction_id, user_id, client_id)
);

-- A reminder to the recipients who had not read (or not replied) when it was sent; later it can feed
-- notifications.
create table instruction_reminder (
  id bigint generated always as identity primary key,
  instruction_id bigint not null references instruction (id) on delete cascade,
  sent_by bigint not null references app_user (id),
  at timestamptz not null,
  target text not null check (target in ('unread', 'unreplied')),
  user_ids bigint[] not null
);
create index instruction_reminder_idx on instruction_reminder (instruction_id);

-- A grid worker's roster entry beside the account (app_user holds role, scope and whether it is active):
-- title and badge (统一标识), identity card and equipment (统一证件装备), duties (统一职责), the
-- registration file (统一登记档案); the assessment record (统一考核记录) is field_assessment. The identity
-- number is stored like a resident's: sealed, keyed hash, mask.
create table field_worker (
  user_id bigint primary key references app_user (id),
  title text check (length(title) <= 100),
  badge_no text unique check (length(badge_no) between 1 and 40),
  id_number_enc bytea,
  id_number_hash bytea,
  id_number_mask text,
  equipment jsonb not null default '[]',
  duties text check (length(duties) <= 4000),
  registration_file text check (length(registration_file) <= 4000),
  recruited_on date,
  left_on date,
  updated_by bigint references app_user (id),
  updated_at timestamptz not null,
  check (left_on is null or recruited_on is null or left_on >= recruited_on),
  check ((id_number_enc is null) = (id_number_hash is null))
);
create unique index field_worker_id_hash_idx on field_worker (id_number_hash) where id_number_hash is not null;

-- The grids a worker covers. Without rows, the worker covers its scope grid alone; with rows, the scope
-- grid is always one of them.
create table field_worker_grid (
  user_id bigint not null references app_user (id),
  grid_id bigint not null references org_unit (id),
  org_path ltree not null,
  assigned_at timestamptz not null,
  primary key (user_id, grid_id)
);
create index field_worker_grid_grid_idx on field_worker_grid (grid_id);

-- Daily check-ins (签到 / 签退). `at` is the phone's time, `received_at` the server's.
create table field_checkin (
  id bigint generated always as identity primary key,
  user_id bigint not null references app_user (id),
  client_id uuid not null,
  org_path ltree not null,
  kind text not null check (kind in ('in', 'out')),
  at timestamptz not null,
  received_at timestamptz not null,
  lng double precision,
  lat double precision,
  accuracy real,
  unique (user_id, client_id)
);
create index field_checkin_user_idx on field_checkin (user_id, at);
create index field_checkin_path_idx on field_checkin ((org_path::text) text_pattern_ops);

-- A patrol, named by the client id of its start: an app that started it offline sends its points under
-- that id before the server has answered. Start and stop replays only widen it.
create table field_patrol (
  id bigint generated always as identity primary key,
  user_id bigint not null references app_user (id),
  client_id uuid not null,
  org_path ltree not null,
  started_at timestamptz not null,
  ended_at timestamptz,
  received_at timestamptz not null,
  unique (user_id, client_id)
);
create index field_patrol_user_idx on field_patrol (user_id, started_at);
create index field_patrol_path_idx on field_patrol ((org_path::text) text_pattern_ops);

create table field_patrol_point (
  patrol_id bigint not null references field_patrol (id) on delete cascade,
  client_id uuid not null,
  at timestamptz not null,
  lng double precision not null check (lng between -180 and 180),
  lat double precision not null check (lat between -90 and 90),
  accuracy real check (accuracy >= 0),
  primary key (patrol_id, client_id)
);
create index field_patrol_point_at_idx on field_patrol_point (patrol_id, at);

-- The county's assessment settings (weights, grade thresholds, targets); a county without a row uses
-- the defaults in packages/domain.
create table field_assessment_setting (
  county_id bigint primary key references org_unit (id),
  settings jsonb not null,
  updated_by bigint not null references app_user (id),
  updated_at timestamptz not null
);

-- A centre's decision on a worker's month: the sheet it was made on (score, grade, parts), and the pay,
-- reward / penalty and deployment fields the grade is linked to.
create table field_assessment (
  user_id bigint not null references app_user (id),
  month date not null check (extract(day from month) = 1),
  org_path ltree not null,
  score numeric(5, 1) not null,
  grade text not null,
  sheet jsonb not null,
  pay_coefficient numeric(4, 2),
  reward_penalty text check (length(reward_penalty) <= 500),
  deployment text check (length(deployment) <= 500),
  note text check (length(note) <= 2000),
  decided_by bigint not null references app_user (id),
  decided_at timestamptz not null,
  primary key (user_id, month)
);
create index field_assessment_path_idx on field_assessment ((org_path::text) text_pattern_ops);
