-- Analysis and alerts (智能研判与预警): the periodic models' thresholds, the alerts they (and later the
-- watchlist matcher) raise, each alert's history, and a record of model runs. The models themselves are
-- pure functions in packages/domain (insight/models); an alert carries its grid's org_path, so the scope
-- layer decides who sees it like any other row.

-- Threshold overrides. A row with `category` null overrides the rule's defaults; a row naming an
-- attention category overrides them again for people in that category (e.g. a care limit of 24 hours for
-- one category). Only the keys given are overridden; the defaults live in packages/domain.
create table alert_rule_setting (
  id bigint generated always as identity primary key,
  rule text not null check (rule ~ '^[a-z][a-z0-9-]{1,39}$'),
  category text references attention_category (code),
  settings jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null
);
create unique index alert_rule_setting_key_idx on alert_rule_setting (rule, coalesce(category, ''));

-- One alert: what fired (rule, evidence with the thresholds used), about whom or what, where, and what
-- became of it. `dedup_key` names the situation (`person:42`, `device:7`, `house:9` …): one situation
-- has at most one open alert (the partial unique index), and `situation_at` dates it, so an alert closed
-- for a situation keeps the same situation from being raised again.
-- The subject is a dossier (person, vehicle, device) or, for an identity the registers do not know, the
-- sensing subject and its keyed hash — never a raw MAC address or identity number.
create table alert (
  id bigint generated always as identity primary key,
  rule text not null check (rule ~ '^[a-z][a-z0-9-]{1,39}$'),
  dedup_key text not null,
  situation_at timestamptz not null,
  severity text not null check (severity in ('low', 'medium', 'high')),
  status text not null check (status in ('new', 'dispatched', 'acknowledged', 'resolved', 'false-alarm')),
  subject_kind text check (subject_kind in ('person', 'vehicle', 'device', 'identity')),
  person_id bigint references person (id) on delete set null,
  vehicle_id bigint references vehicle (id) on delete set null,
  device_id bigint references device (id) on delete set null,
  -- no foreign key: sensing subjects are purged with the events that named them
  sensing_subject_id bigint,
  subject_hash bytea,
  house_id bigint references house (id) on delete set null,
  building_id bigint references building (id) on delete set null,
  -- the grid it belongs to (for a record filed above grid level, that unit) and its path
  grid_id bigint not null references org_unit (id),
  org_path ltree not null,
  evidence jsonb not null,
  raised_at timestamptz not null,
  raised_by text not null,
  -- who must act: the grid's worker or police officer, or the township centre once escalated
  level text not null default 'grid' check (level in ('grid', 'township')),
  assignee_id bigint references app_user (id) on delete set null,
  dispatched_at timestamptz,
  ack_due_at timestamptz not null,
  acknowledged_at timestamptz,
  acknowledged_by bigint references app_user (id) on delete set null,
  escalated_at timestamptz,
  closed_at timestamptz,
  closed_by bigint references app_user (id) on delete set null,
  note text,
  case_id bigint references case_file (id) on delete set null,
  version integer not null default 1,
  check ((status in ('resolved', 'false-alarm')) = (closed_at is not null))
);
create unique index alert_open_dedup_idx on alert (rule, dedup_key)
  where status in ('new', 'dispatched', 'acknowledged');
-- Closed alerts of the same situation, looked up for every candidate a model proposes.
create index alert_situation_idx on alert (rule, dedup_key, situation_at);
create index alert_path_idx on alert ((org_path::text) text_pattern_ops);
create index alert_raised_idx on alert (raised_at desc, id desc);
create index alert_grid_idx on alert (grid_id, raised_at desc);
create index alert_assignee_idx on alert (assignee_id) where status in ('new', 'dispatched', 'acknowledged');
-- The escalation job reads unacknowledged alerts by their deadline.
create index alert_ack_due_idx on alert (ack_due_at)
  where status in ('new', 'dispatched') and escalated_at is null;
create index alert_person_idx on alert (person_id) where person_id is not null;

-- Each alert's history: raised, dispatched, acknowledged, escalated, resolved, false alarm, case opened.
create table alert_action (
  id bigint generated always as identity primary key,
  alert_id bigint not null references alert (id) on delete cascade,
  at timestamptz not null,
  action text not null,
  actor text not null,
  actor_user_id bigint references app_user (id) on delete set null,
  note text,
  details jsonb not null default '{}'
);
create index alert_action_alert_idx on alert_action (alert_id, id);

-- Every run of the periodic models (scheduled or asked for): as of when, how long, what each rule found.
create table model_run (
  id bigint generated always as identity primary key,
  as_of timestamptz not null,
  started_at timestamptz not null,
  finished_at timestamptz not null,
  trigger text not null check (trigger in ('schedule', 'admin')),
  run_by text not null,
  summary jsonb not null
);
create index model_run_as_of_idx on model_run (as_of desc);
