-- Sensing: every passage a device records (人过留影、车过留牌、机过留码), the identities behind them,
-- device health, and what could not be stored.

-- One row per identity ever sensed. `hash` is the same keyed hash the registers use (person.id_hash for
-- an ID number, device.mac_hash for a MAC), so a subject joins its dossier without decrypting anything.
-- ID numbers, plates and unknown door cards are kept sealed (AES-256-GCM) so results can show them,
-- masked as the viewer's role requires; a MAC address is never kept, only its hash.
-- `last_seen` is refreshed whenever a server process loads the subject into its cache; subjects not
-- seen for longer than the retention period are purged with the events.
create table sensing_subject (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('person', 'vehicle', 'device', 'card')),
  hash bytea not null unique,
  sealed bytea,
  last_seen timestamptz not null,
  check ((kind = 'device') = (sealed is null))
);
create index sensing_subject_last_seen_idx on sensing_subject (last_seen);

-- The event store, one partition per local day, created ahead by the pipeline and dropped after the
-- retention period. The primary key (device, time, event id) is the idempotency check — a replay of
-- the same event is a conflict — and also serves per-device time ranges. `device_id` leads every key:
-- it is the distribution column should the store move to Citus. An event's jurisdiction is its device's.
create table sensing_event (
  time timestamptz not null,
  device_id bigint not null,
  event_id text not null,
  type text not null check (type in ('face', 'plate', 'door', 'wifi')),
  direction text check (direction in ('in', 'out')),
  -- null when the device recorded a passage without an identity (an unmatched face, an unread plate)
  subject_id bigint,
  confidence real,
  snapshot_ref text,
  primary key (device_id, time, event_id)
) partition by range (time);
create index sensing_event_subject_idx on sensing_event (subject_id, time);
create index sensing_event_time_brin on sensing_event using brin (time);

-- What the pipeline could not store, with the reason; identity fields are masked before they land here.
create table sensing_dead_letter (
  id bigint generated always as identity primary key,
  received_at timestamptz not null,
  source text not null check (source in ('http', 'mqtt', 'viid')),
  api_key_id bigint references api_key (id) on delete set null,
  device_code text,
  event_id text,
  code text not null,
  message text not null,
  payload jsonb not null
);
create index sensing_dead_letter_received_idx on sensing_dead_letter (received_at);

-- Health per device: the last event and heartbeat; online means seen within `offline_minutes`.
alter table device add column offline_minutes integer not null default 30 check (offline_minutes > 0);
create table device_status (
  device_id bigint primary key references device (id) on delete cascade,
  last_event_at timestamptz,
  last_heartbeat_at timestamptz
);

-- A device key posts only its own device's events; a gateway key (device_id null) those of its scope.
alter table api_key add column device_id bigint references device (id) on delete cascade;

-- Door cards issued to residents. The number is kept only as a keyed hash; a card event becomes an event
-- of its holder.
create table access_card (
  card_hash bytea primary key,
  person_id bigint not null references person (id) on delete cascade,
  org_path ltree not null,
  issued_at timestamptz not null default now()
);
create index access_card_person_idx on access_card (person_id);
create index access_card_path_idx on access_card ((org_path::text) text_pattern_ops);
