-- Staff intake from the offline field app: each report carries an id its client made, unique per user who
-- opened the case, so a report resent after a lost answer finds the case it opened instead of a second one.
alter table case_file add column client_id uuid;
create unique index case_file_client_id_idx on case_file (opened_by, client_id) where client_id is not null;
