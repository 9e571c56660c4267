-- Audit rows wait here, written in the same transaction as the work they record, until a chainer links
-- them into `audit_log` (hash chain, gap-free seq) right after the commit. Writers therefore no longer
-- hold `audit_head`'s row lock until their commit: they commit side by side, and one short transaction
-- chains everything committed so far (platform/audit.ts). A row is here for milliseconds: the request
-- that wrote it answers only after it is chained; background work is chained within a second.
create table audit_inbox (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_id bigint,
  actor text not null,
  action text not null,
  outcome text not null check (outcome in ('ok', 'denied', 'failed')),
  target_type text,
  target_id text,
  org_path ltree,
  ip text,
  details jsonb not null default '{}'
);
