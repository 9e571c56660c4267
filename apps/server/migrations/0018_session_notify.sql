-- Each process keeps the sessions it resolved in memory for a short while (platform/sessions.ts). These
-- triggers announce every end of a session and every change of a user on `civgrid_session`, after the
-- commit, to every process, which then forgets it: a logout, an expiry or a disabled account takes
-- effect everywhere at once, whichever process did it. Payload: the token hash in hex, or `user:<id>`.
create function announce_session_end() returns trigger language plpgsql as $$
begin
  perform pg_notify('civgrid_session', encode(old.token_hash, 'hex'));
  return null;
end $$;

create trigger user_session_ended after delete on user_session
  for each row execute function announce_session_end();

create function announce_user_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('civgrid_session', 'user:' || new.id);
  return null;
end $$;

-- Any change a session carries: name, role, jurisdiction, disabling (not the login counters).
create trigger app_user_changed after update on app_user
  for each row
  when (old.username is distinct from new.username or old.role is distinct from new.role
        or old.scope_id is distinct from new.scope_id or old.org_path is distinct from new.org_path
        or old.disabled_at is distinct from new.disabled_at)
  execute function announce_user_change();
