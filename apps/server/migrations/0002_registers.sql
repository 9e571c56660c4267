-- Registers: one dossier per person, house, building, vehicle, device and organisation
-- (一人一档、一车一档、一房一档、一机一档), attention categories, and search indexes.

-- Name search: exact and prefix on the name (surname first), prefix on pinyin initials ("zw" → 张伟).
alter table person add column name_initials text not null default '';
alter table person add column id_last4 text not null default '';   -- the digits the mask shows anyway
create index person_name_idx on person (name text_pattern_ops);
create index person_initials_idx on person (name_initials text_pattern_ops);
create index person_id_last4_idx on person (id_last4);
update person set id_last4 = right(id_number_mask, 4);

create index house_address_trgm_idx on house using gin (address gin_trgm_ops);
create index building_address_trgm_idx on building using gin (address gin_trgm_ops);

-- Categories of people who need attention, configurable by admins. A care limit (hours unseen) is used
-- by the analysis models later; categories never describe ethnicity, religion or politics.
create table attention_category (
  code text primary key check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
  name_zh text not null,
  name_en text not null,
  care_limit_hours integer check (care_limit_hours > 0),
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
insert into attention_category (code, name_zh, name_en, care_limit_hours) values
  ('elderly-alone', '独居老人', 'Elderly living alone', 48),
  ('home-quarantine', '居家隔离', 'Home quarantine', null),
  ('disabled', '残疾人', 'Person with a disability', null),
  ('left-behind-child', '留守儿童', 'Left-behind child', null),
  ('community-correction', '社区矫正人员', 'Under community correction', null),
  ('mental-health-care', '严重精神障碍患者（关爱）', 'Severe mental illness (care)', 72),
  ('subsistence-allowance', '低保户', 'Subsistence allowance household', null);

create table person_tag (
  id bigint generated always as identity primary key,
  person_id bigint not null references person (id) on delete cascade,
  org_path ltree not null,
  category text not null references attention_category (code),
  reason text not null,
  valid_from timestamptz not null,
  valid_until timestamptz,
  set_by text not null,
  set_at timestamptz not null default now(),
  check (valid_until is null or valid_until >= valid_from)
);
create index person_tag_person_idx on person_tag (person_id);
create index person_tag_category_idx on person_tag (category, org_path);
create unique index person_tag_open_idx on person_tag (person_id, category) where valid_until is null;
create unique index person_tag_period_idx on person_tag (person_id, category, valid_from);

create table vehicle (
  id bigint generated always as identity primary key,
  plate text not null unique,
  plate_kind text not null,
  org_path ltree not null,
  owner_person_id bigint references person (id) on delete set null,
  brand text,
  colour text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index vehicle_path_idx on vehicle using gist (org_path);
create index vehicle_owner_idx on vehicle (owner_person_id);
create index vehicle_plate_prefix_idx on vehicle (plate text_pattern_ops);

-- Sensing devices and residents' registered phones. A phone's MAC address is kept only as a keyed hash.
create table device (
  id bigint generated always as identity primary key,
  code text not null unique,
  type text not null check (type in ('face', 'plate', 'door', 'wifi', 'checkpoint', 'phone')),
  name text not null,
  org_path ltree not null,
  grid_id bigint not null references org_unit (id),
  lng double precision not null,
  lat double precision not null,
  house_id bigint references house (id) on delete set null,
  building_id bigint references building (id) on delete set null,
  owner_person_id bigint references person (id) on delete set null,
  mac_hash bytea unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((type = 'phone') = (mac_hash is not null))
);
create index device_path_idx on device using gist (org_path);
create index device_house_idx on device (house_id);
create index device_owner_idx on device (owner_person_id);

-- The six-in-one community organisations (六位一体), attached to a village/community or a grid.
create table organisation (
  id bigint generated always as identity primary key,
  code text not null unique,
  kind text not null check (kind in ('party-branch', 'residents-committee', 'owners-committee',
                                     'property-company', 'building-head', 'service-station')),
  name text not null,
  unit_id bigint not null references org_unit (id),
  org_path ltree not null,
  building_id bigint references building (id) on delete set null,
  contact_name text,
  contact_phone_enc bytea,
  contact_phone_hash bytea,
  contact_phone_mask text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index organisation_path_idx on organisation using gist (org_path);

-- Building labels: the QR code carries a random token, never the building's code or anything personal;
-- revoking a label is replacing its token.
alter table building add column label_token text unique;

-- Change history and "who touched this record" come from the audit chain.
create index audit_log_target_idx on audit_log (target_type, target_id, seq);

-- Requests under PIPL arts. 44–47 (access, correction, deletion) and what became of them.
create table data_subject_request (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('export', 'correction', 'deletion')),
  person_id bigint,                -- null once the person is deleted
  org_path ltree not null,
  requested_by text not null,
  reason text not null,
  outcome text not null check (outcome in ('done', 'refused')),
  outcome_reason text,
  decided_by text not null,
  decided_at timestamptz not null default now()
);
create index data_subject_request_path_idx on data_subject_request using gist (org_path);
