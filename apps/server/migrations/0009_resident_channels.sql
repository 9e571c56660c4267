-- Residents' channels (portal, WeChat, Open311): a case a resident reports may arrive without a point
-- (a WeChat text), photos kept with the case, and an outbox of notifications to the resident.

-- An unlocated report lands at the city command centre (org_path = the city root) with no grid until
-- someone places it; every located one still names its grid.
alter table case_file alter column grid_id drop not null;

-- The resident's proof of being the reporter: a keyed hash of the secret shown once beside the tracking
-- number (the tracking number alone lets anyone follow the status, never rate or add to the case).
alter table case_file add column resident_secret_hash bytea;
-- A WeChat reporter: the openid sealed (to send replies) and a keyed hash (to find their cases).
alter table case_file add column reporter_openid_enc bytea;
alter table case_file add column reporter_openid_hash bytea;
-- An Open311 partner's key that filed the request.
alter table case_file add column opened_by_key bigint references api_key (id);
create index case_file_reporter_openid_idx on case_file (reporter_openid_hash) where reporter_openid_hash is not null;
-- Open311's `requests.json` filters and pages by the time a request was filed, newest first.
create index case_file_source_opened_idx on case_file (source, opened_at desc);

-- Photos of a case: checked (type, size), metadata stripped, kept in the database like everything else.
create table case_photo (
  id bigint generated always as identity primary key,
  case_id bigint not null references case_file (id) on delete cascade,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  bytes bytea not null,
  size integer not null,
  sha256 bytea not null,
  added_at timestamptz not null,
  -- 'resident', or the user id of the staff member who added it.
  added_by text not null
);
create index case_photo_case_idx on case_photo (case_id, id);

-- Notifications waiting to go out (the transactional outbox): written in the transaction of the step that
-- caused them, sent by a worker afterwards and retried with back-off until an adapter confirms delivery.
create table outbox (
  id bigint generated always as identity primary key,
  topic text not null,
  channel text not null,
  -- The phone number or openid, sealed like every such identifier.
  recipient_enc bytea,
  case_id bigint references case_file (id) on delete cascade,
  payload jsonb not null,
  created_at timestamptz not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  delivered_at timestamptz,
  last_error text
);
create index outbox_due_idx on outbox (next_attempt_at) where delivered_at is null;
