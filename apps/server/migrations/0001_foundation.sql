-- Foundation: the org hierarchy, the places and people it holds, accounts, sessions, API keys and the audit chain.
-- Every record that belongs somewhere carries `org_path` (ltree of unit codes, city first); scoped queries
-- filter on it with `<@`, so each such table has a GiST index on it.

create extension if not exists ltree;
create extension if not exists pg_trgm;
create extension if not exists btree_gist;

create table org_unit (
  id bigint generated always as identity primary key,
  level text not null check (level in ('city', 'county', 'township', 'village', 'grid')),
  code text not null unique,
  name text not null,
  parent_id bigint references org_unit (id),
  org_path ltree not null unique,
  boundary jsonb,                 -- GeoJSON Polygon ([lng, lat] positions)
  bbox box,                       -- the boundary's bounds, so "which grid holds this point" is an index probe
  centre_lng double precision,
  centre_lat double precision,
  smart_community boolean not null default false,
  created_at timestamptz not null default now(),
  check ((level = 'city') = (parent_id is null))
);
create index org_unit_path_idx on org_unit using gist (org_path);
create index org_unit_parent_idx on org_unit (parent_id);
create index org_unit_grid_bbox_idx on org_unit using gist (bbox) where level = 'grid';

create table building (
  id bigint generated always as identity primary key,
  code text not null unique,
  grid_id bigint not null references org_unit (id),
  org_path ltree not null,
  name text not null,
  address text not null,
  lng double precision not null,
  lat double precision not null,
  units smallint not null default 1 check (units > 0),
  floors smallint not null default 1 check (floors > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index building_path_idx on building using gist (org_path);
create index building_grid_idx on building (grid_id);

create table house (
  id bigint generated always as identity primary key,
  code text not null unique,
  building_id bigint references building (id),
  org_path ltree not null,
  unit smallint,
  floor smallint,
  room text,
  address text not null,
  area_m2 numeric(8, 2),
  use text not null default 'owner-occupied' check (use in ('owner-occupied', 'rented', 'vacant', 'business')),
  registered_residents integer not null default 0 check (registered_residents >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index house_path_idx on house using gist (org_path);
create index house_building_idx on house (building_id);

-- Identity and phone numbers are stored only encrypted (AES-256-GCM: iv ‖ tag ‖ ciphertext) beside a keyed
-- hash (HMAC-SHA256) for exact lookups and the masked form people may see. No ethnicity, religion or
-- political field exists, by design.
create table person (
  id bigint generated always as identity primary key,
  org_path ltree not null,
  id_number_enc bytea not null,
  id_number_hash bytea not null unique,
  id_number_mask text not null,
  name text not null,
  gender text check (gender in ('male', 'female')),
  birth_date date,
  phone_enc bytea,
  phone_hash bytea,
  phone_mask text,
  household_type text not null default 'registered' check (household_type in ('registered', 'floating', 'overseas')),
  house_id bigint references house (id),
  relation text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index person_path_idx on person using gist (org_path);
create index person_house_idx on person (house_id);
create index person_phone_hash_idx on person (phone_hash);

create table app_user (
  id bigint generated always as identity primary key,
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,31}$'),
  display_name text not null,
  role text not null,
  scope_id bigint not null references org_unit (id),
  org_path ltree not null,        -- the scope's path: a user belongs where it works
  password_hash text not null,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index app_user_path_idx on app_user using gist (org_path);

-- Only a hash of the session token is stored, so a database dump opens no session.
create table user_session (
  token_hash bytea primary key,
  user_id bigint not null references app_user (id) on delete cascade,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  ip text,
  user_agent text
);
create index user_session_user_idx on user_session (user_id);

create table api_key (
  id bigint generated always as identity primary key,
  name text not null,
  key_hash bytea not null unique,
  key_prefix text not null,
  org_path ltree not null,
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Append-only, hash-chained: hash = sha256(prev_hash ‖ canonical row). `seq` has no gaps, so a removed
-- row shows as a break; `audit_head` holds the last seq and hash and serialises appenders with its row lock.
create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor_id bigint,
  actor text not null,
  action text not null,
  outcome text not null check (outcome in ('ok', 'denied', 'failed')),
  target_type text,
  target_id text,
  org_path ltree,
  ip text,
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
create index audit_log_path_idx on audit_log using gist (org_path);
create index audit_log_at_idx on audit_log (at);
create index audit_log_actor_idx on audit_log (actor, seq);

create table audit_head (
  id boolean primary key default true check (id),
  seq bigint not null,
  hash text not null
);
insert into audit_head (seq, hash) values (0, repeat('0', 64));

create table app_setting (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
