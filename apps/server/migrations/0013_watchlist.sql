-- Watchlists (布控) and the live push of alerts.

-- One watchlist entry: an identity watched for a reason during a window, asked for by one user and
-- approved by another. The identity is kept only as the keyed hash the sensing store and the registers use
-- (the ID number's, the plate's, the MAC address's) and a masked display; never in clear, never sealed.
-- `subject_form` says how the requester named it (a registered phone can be named by its device code and
-- is then watched by its MAC hash). The dossier links are found by hash at request time. `org_path` is
-- the requester's jurisdiction: who sees the entry, and where its hits may happen.
create table watchlist_entry (
  id bigint generated always as identity primary key,
  subject_kind text not null check (subject_kind in ('person', 'vehicle', 'device')),
  subject_form text not null check (subject_form in ('id-number', 'plate', 'mac', 'device-code')),
  subject_hash bytea not null,
  subject_display text not null,
  person_id bigint references person (id) on delete set null,
  vehicle_id bigint references vehicle (id) on delete set null,
  device_id bigint references device (id) on delete set null,
  reason text not null check (length(reason) between 1 and 500),
  valid_from timestamptz not null,
  valid_to timestamptz not null check (valid_to > valid_from),
  status text not null check (status in ('pending', 'active', 'rejected', 'revoked')),
  org_path ltree not null,
  requested_by bigint not null references app_user (id),
  requested_at timestamptz not null,
  decided_by bigint references app_user (id),
  decided_at timestamptz,
  decision_note text,
  revoked_by bigint references app_user (id),
  revoked_at timestamptz,
  revoke_note text,
  hit_count integer not null default 0,
  last_hit_at timestamptz,
  -- the four-eyes rule, kept by the table as well as the service
  check (decided_by is null or decided_by <> requested_by),
  check (status not in ('active', 'rejected') or decided_by is not null),
  check ((status = 'revoked') = (revoked_at is not null))
);
create index watchlist_entry_path_idx on watchlist_entry ((org_path::text) text_pattern_ops);
-- The matcher loads the entries that may still match.
create index watchlist_entry_live_idx on watchlist_entry (valid_to) where status in ('pending', 'active');
create index watchlist_entry_hash_idx on watchlist_entry (subject_hash);

-- Every process keeps the active entries in memory; a change to what matches tells them to reload.
-- (Hit counts change often and match nothing, so they notify no one.)
create function watchlist_entry_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('civgrid_watchlist', '');
  return null;
end $$;
create trigger watchlist_entry_inserted after insert or delete on watchlist_entry
  for each row execute function watchlist_entry_notify();
create trigger watchlist_entry_changed after update on watchlist_entry
  for each row when ((old.status, old.valid_from, old.valid_to, old.org_path)
                     is distinct from (new.status, new.valid_from, new.valid_to, new.org_path))
  execute function watchlist_entry_notify();

-- The live push: one row per alert raised or changed, numbered in commit order. A deferred trigger runs
-- at commit, takes a transaction lock held until the commit is visible, and only then draws the number;
-- so whoever has seen number N has seen (or will never see) everything below N, and a client resuming
-- after N misses nothing. The notification carries `seq:alert id`; every process reads the row itself
-- and decides who may see it. One row per alert and transaction.
create sequence alert_event_seq;
create table alert_event (
  seq bigint primary key,
  alert_id bigint not null,
  org_path ltree not null,
  at timestamptz not null default clock_timestamp(),
  txid xid8 not null default pg_current_xact_id()
);
create index alert_event_alert_idx on alert_event (alert_id);
create index alert_event_at_idx on alert_event (at);

create function alert_event_record() returns trigger language plpgsql as $$
declare
  next_seq bigint;
begin
  perform pg_advisory_xact_lock(hashtext('civgrid alert events'));
  if exists (select 1 from alert_event where alert_id = new.id and txid = pg_current_xact_id()) then
    return null;
  end if;
  next_seq := nextval('alert_event_seq');
  insert into alert_event (seq, alert_id, org_path) values (next_seq, new.id, new.org_path);
  perform pg_notify('civgrid_alert', next_seq || ':' || new.id);
  return null;
end $$;
create constraint trigger alert_event_on_insert after insert on alert
  deferrable initially deferred for each row execute function alert_event_record();
create constraint trigger alert_event_on_update after update on alert
  deferrable initially deferred for each row when (old.* is distinct from new.*)
  execute function alert_event_record();
