-- Case statistics: a rollup of case_file by the UTC day and month cases were opened in, per dimension
-- (status, top-level category, holding level, department, grid) and unit (the township's path; the grid's
-- own for the grid dimension; the city root for reports not yet placed). A plain group-by over a million
-- cases took 2.7 s on the benchmark machine (and an index-only count(*) alone 165 ms), against a budget
-- of 500 ms. The rollup is recomputed for the days whose cases changed (cases/stats-rollup.ts), so
-- statistics read a few thousand rows; what changed since the last refresh is read live.
create table case_stats_rollup (
  period text not null check (period in ('day', 'month')),
  start date not null,
  dim text not null check (dim in ('status', 'category', 'level', 'department', 'grid')),
  unit_path text not null,
  -- The status, category, level, department user id or grid id; '' for a report not yet placed.
  key text not null,
  opened integer not null,
  closed integer not null,
  open integer not null,
  overdue_open integer not null,
  resolved integer not null,
  closed_unfixed integer not null,
  declined integer not null,
  handling_minutes double precision not null,
  on_time integer not null,
  rated integer not null,
  rating_sum integer not null,
  rated_good integer not null,
  reopens integer not null,
  reopened_cases integer not null,
  -- Closed cases by handling time in √2-wide buckets of minutes (bucket k: 2^(k/2) ≤ minutes < 2^((k+1)/2),
  -- the last one open-ended): what p50 and p90 are read from.
  hist integer[] not null,
  primary key (period, start, dim, unit_path, key)
);

-- a + sign × b, element by element: a month's histogram moved by a day's old or new one.
create function case_stats_hist_add(a integer[], b integer[], sign integer) returns integer[]
language sql immutable parallel safe
as $$ select array_agg(x + sign * y order by i)::integer[] from unnest(a, b) with ordinality as t (x, y, i) $$;

-- Which days to recompute: the cases a step touched since the last refresh, and the open ones whose
-- deadline passed since (they became overdue without a write).
create index case_file_updated_idx on case_file (updated_at);
create index case_file_open_due_idx on case_file (due_at) where is_open;

-- The work queues of a unit (level, overdue, supervised) read its open cases: by the subtree first, so a
-- township's queue reads its few hundred open cases instead of intersecting every open case the city holds
-- at that level with every case the township ever had (54 ms → 1.5 ms over a million cases).
create index case_file_open_path_idx on case_file ((org_path::text) text_pattern_ops, holder_level, step_due_at)
  where is_open;
