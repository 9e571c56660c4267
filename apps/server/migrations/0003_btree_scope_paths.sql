-- Scope filters ask "is org_path inside this subtree?". GiST on ltree answers that but doubles the cost of
-- every insert into the big tables; a btree on the path's text with text_pattern_ops answers the same
-- question as `path = X or path like 'X.%'` (see pathWithin in platform/scope.ts) at btree insert cost.

drop index org_unit_path_idx;
drop index building_path_idx;
drop index house_path_idx;
drop index person_path_idx;
drop index app_user_path_idx;
drop index audit_log_path_idx;
drop index vehicle_path_idx;
drop index device_path_idx;
drop index organisation_path_idx;
drop index data_subject_request_path_idx;

create index org_unit_path_text_idx on org_unit ((org_path::text) text_pattern_ops);
create index building_path_text_idx on building ((org_path::text) text_pattern_ops);
create index house_path_text_idx on house ((org_path::text) text_pattern_ops);
create index person_path_text_idx on person ((org_path::text) text_pattern_ops);
drop index person_tag_category_idx;
create index person_tag_category_path_idx on person_tag (category, (org_path::text) text_pattern_ops);
create index app_user_path_text_idx on app_user ((org_path::text) text_pattern_ops);
create index audit_log_path_text_idx on audit_log ((org_path::text) text_pattern_ops);
create index vehicle_path_text_idx on vehicle ((org_path::text) text_pattern_ops);
create index device_path_text_idx on device ((org_path::text) text_pattern_ops);
create index organisation_path_text_idx on organisation ((org_path::text) text_pattern_ops);
create index data_subject_request_path_text_idx on data_subject_request ((org_path::text) text_pattern_ops);
create index api_key_path_text_idx on api_key ((org_path::text) text_pattern_ops);
