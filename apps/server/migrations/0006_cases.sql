-- Cases (the "9+X" loop): categories with step time limits, cases held by one of four centre levels,
-- their tasks, whistles, timeline and the people concerned. The rules live in packages/domain
-- (`transition()`); these tables store what it answers. A case carries its grid's org_path, so the
-- scope layer decides who sees it like any other row.

-- The category tree (dotted codes: `dispute.neighbour` is under `dispute`). Limits are minutes per step;
-- a child sets only those it changes. Seeded here from DEFAULT_CASE_CATEGORIES (a test holds the two
-- equal), so every installation has them, seeded or not. Admins edit; a category in use is made
-- inactive, never deleted, since cases keep their code.
create table case_category (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  limits jsonb not null default '{}',
  position integer not null,
  is_active boolean not null default true,
  updated_at timestamptz not null default now()
);

insert into case_category (code, name_zh, name_en, limits, position) values
  ('dispute', '矛盾纠纷', 'disputes', '{"register":120,"assign":240,"ack":240,"handle":7200,"verify":1440,"respond":480,"evaluate":10080,"total":10080}', 1),
  ('dispute.neighbour', '邻里纠纷', 'neighbour disputes', '{"handle":4320}', 2),
  ('dispute.family', '婚姻家庭纠纷', 'marriage and family disputes', '{}', 3),
  ('dispute.property', '物业纠纷', 'property management disputes', '{}', 4),
  ('dispute.labour', '劳资纠纷', 'wage and labour disputes', '{"handle":10080,"total":14400}', 5),
  ('dispute.land', '土地山林纠纷', 'land and forest disputes', '{"handle":21600,"total":28800}', 6),
  ('public-order', '社会治安', 'public order', '{"register":60,"assign":120,"ack":60,"handle":2880,"verify":1440,"respond":240,"evaluate":10080,"total":5760}', 7),
  ('public-order.hazard', '治安隐患', 'public order hazards', '{}', 8),
  ('public-order.noise', '噪声扰民', 'noise nuisance', '{"handle":1440,"total":2880}', 9),
  ('public-order.suspicious', '可疑人员物品', 'suspicious persons or objects', '{"register":30,"assign":30,"ack":30,"handle":240,"verify":240,"respond":60,"total":720}', 10),
  ('public-order.vice', '黄赌毒线索', 'vice, gambling and drug leads', '{"handle":4320,"total":7200}', 11),
  ('safety', '安全隐患', 'safety hazards', '{"register":60,"assign":120,"ack":60,"handle":1440,"verify":720,"respond":240,"evaluate":10080,"total":4320}', 12),
  ('safety.fire', '消防安全隐患', 'fire hazards', '{}', 13),
  ('safety.gas', '燃气安全隐患', 'gas hazards', '{"register":30,"ack":30,"handle":240,"total":1440}', 14),
  ('safety.building', '房屋建筑安全', 'unsafe buildings', '{"handle":4320,"total":7200}', 15),
  ('safety.traffic', '道路交通安全', 'road safety', '{}', 16),
  ('safety.chemicals', '危险化学品', 'hazardous chemicals', '{"register":30,"handle":720,"total":2880}', 17),
  ('environment', '环境卫生', 'environment and sanitation', '{"register":120,"assign":240,"ack":240,"handle":2880,"verify":1440,"respond":480,"evaluate":10080,"total":7200}', 18),
  ('environment.refuse', '垃圾堆放清运', 'refuse and clearance', '{"handle":1440,"total":4320}', 19),
  ('environment.construction', '私搭乱建', 'unauthorised construction', '{"handle":21600,"total":28800}', 20),
  ('environment.street-trading', '占道经营', 'street trading on the road', '{}', 21),
  ('environment.sewage', '污水排放', 'sewage discharge', '{}', 22),
  ('environment.pollution', '大气噪声污染', 'air and noise pollution', '{"handle":4320,"total":10080}', 23),
  ('services', '便民服务', 'services for residents', '{"register":240,"assign":480,"ack":480,"handle":4320,"verify":1440,"respond":1440,"evaluate":10080,"total":10080}', 24),
  ('services.hardship', '困难帮扶', 'help for households in hardship', '{"handle":7200,"total":14400}', 25),
  ('services.elderly', '养老助残', 'care for the elderly and disabled', '{}', 26),
  ('services.repairs', '水电气暖报修', 'water, power, gas and heating repairs', '{"handle":1440,"total":2880}', 27),
  ('services.advice', '政策咨询', 'policy questions', '{"handle":1440,"total":4320}', 28),
  ('services.documents', '证照办理', 'certificates and documents', '{}', 29),
  ('epidemic', '疫情防控', 'epidemic', '{"register":30,"assign":60,"ack":60,"handle":720,"verify":360,"respond":120,"evaluate":4320,"total":1440}', 30),
  ('epidemic.survey', '信息摸排', 'door-to-door information checks', '{}', 31),
  ('epidemic.isolation', '隔离管控', 'isolation and lockdown', '{}', 32),
  ('epidemic.passage', '小区通行管控', 'community passage control', '{}', 33),
  ('epidemic.tracing', '流调协查', 'epidemiological investigation support', '{"handle":240,"total":720}', 34),
  ('epidemic.supplies', '生活物资保障', 'supplies for isolated households', '{}', 35),
  ('other', '其他', 'other', '{"register":240,"assign":480,"ack":480,"handle":7200,"verify":1440,"respond":1440,"evaluate":10080,"total":14400}', 36);

-- One case. `version` grows with every step: a step names the version it was taken on, and the update
-- that writes it matches that version, so of two operators stepping at once only one wins.
create table case_file (
  id bigint generated always as identity primary key,
  tracking_no text not null unique,
  version integer not null default 1,
  source text not null,
  category_code text not null references case_category (code),
  priority text not null check (priority in ('normal', 'urgent')),
  title text not null,
  description text not null,
  lng double precision,
  lat double precision,
  address text,
  grid_id bigint not null references org_unit (id),
  org_path ltree not null,
  origin_level text not null,
  holder_level text not null,
  status text not null,
  is_open boolean not null,
  -- The category's limits when the case opened (urgent halved): later edits never move its deadlines.
  limits jsonb not null,
  opened_at timestamptz not null,
  updated_at timestamptz not null,
  status_since timestamptz not null,
  holder_since timestamptz not null,
  handover_at timestamptz,
  step_due_at timestamptz,
  due_at timestamptz not null,
  closed_at timestamptz,
  round integer not null default 1,
  escalations integer not null default 0,
  reopen_count integer not null default 0,
  instructions text,
  supervision_level text,
  supervision_at timestamptz,
  supervision_note text,
  supervision_due_at timestamptz,
  rating smallint,
  rating_comment text,
  rated_at timestamptz,
  rated_by text,
  evaluation_due_at timestamptz,
  -- The resident who reported it (hotline, portal …): the phone like every phone, sealed + keyed hash + mask.
  reporter_name text,
  reporter_phone_enc bytea,
  reporter_phone_hash bytea,
  reporter_phone_mask text,
  opened_by bigint references app_user (id),
  created_at timestamptz not null default now()
);
create index case_file_path_idx on case_file ((org_path::text) text_pattern_ops);
create index case_file_holder_idx on case_file (holder_level, step_due_at) where is_open;
-- The overdue escalation and the overdue queue read open cases by their step deadline.
create index case_file_step_due_idx on case_file (step_due_at) where is_open;
create index case_file_supervised_idx on case_file (supervision_at) where is_open and supervision_level is not null;
create index case_file_reporter_phone_idx on case_file (reporter_phone_hash) where reporter_phone_hash is not null;
create index case_file_opened_idx on case_file (opened_at);

-- A handler's part of a case (分解交办). The assignee is a user: a grid worker, a police officer, or for
-- now the department's own account (departments are not entities of their own yet).
create table case_task (
  case_id bigint not null references case_file (id) on delete cascade,
  no integer not null,
  round integer not null,
  assignee_kind text not null check (assignee_kind in ('department', 'grid-worker', 'police')),
  assignee_user_id bigint not null references app_user (id),
  instructions text not null,
  whistle integer,
  status text not null,
  assigned_at timestamptz not null,
  ack_due_at timestamptz not null,
  due_at timestamptz not null,
  accepted_at timestamptz,
  finished_at timestamptz,
  report text,
  reworks integer not null default 0,
  primary key (case_id, no)
);
-- "Cases given to me": a department sees only these, every handler's own queue starts here.
create index case_task_assignee_idx on case_task (assignee_user_id, case_id);

-- A township's summons (街乡吹哨); the summoned departments' tasks carry its number.
create table case_whistle (
  case_id bigint not null references case_file (id) on delete cascade,
  no integer not null,
  at timestamptz not null,
  ack_minutes integer not null,
  instructions text not null,
  primary key (case_id, no)
);

-- One line per step: the domain's key and parameters, so the words can be rendered in any language.
create table case_timeline (
  id bigint generated always as identity primary key,
  case_id bigint not null references case_file (id) on delete cascade,
  at timestamptz not null,
  step text not null,
  key text not null,
  actor_kind text not null,
  actor_role text,
  actor_level text,
  actor_user_id bigint references app_user (id),
  actor_name text,
  from_status text,
  to_status text not null,
  holder_from text,
  holder_to text not null,
  params jsonb not null default '{}'
);
create index case_timeline_case_idx on case_timeline (case_id, id);

-- The people a case concerns, linked to their dossiers.
create table case_person (
  case_id bigint not null references case_file (id) on delete cascade,
  person_id bigint not null references person (id) on delete cascade,
  relation text not null default 'concerned',
  primary key (case_id, person_id)
);
create index case_person_person_idx on case_person (person_id);
