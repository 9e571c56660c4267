-- The residents' periodic satisfaction survey (满意度测评) of their grid's service, one of the two sources of
-- the grid worker's residents' rating. No account and no phone in clear: `respondent_hash` is the keyed
-- hash of the resident's mobile number, so one phone answers once per grid and month (a second answer
-- replaces the first). `month` is the Asia/Shanghai month the answer was given in.
create table satisfaction_survey_response (
  id bigint generated always as identity primary key,
  grid_id bigint not null references org_unit (id),
  org_path ltree not null,
  month text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  rating smallint not null check (rating between 1 and 5),
  comment text check (length(comment) <= 500),
  respondent_hash bytea not null,
  created_at timestamptz not null default now()
);
create unique index satisfaction_survey_respondent_idx
  on satisfaction_survey_response (grid_id, month, respondent_hash);
create index satisfaction_survey_month_idx on satisfaction_survey_response (month, grid_id);
