-- WeChat Official Account messages of the last half hour, shared by every process.
--
-- WeChat resends a message it got no answer to within five seconds, three times in all: the first
-- delivery's row (keyed by sender and MsgId) makes a resend answer that delivery's reply instead of opening
-- a second case, whichever process it reaches; while the first is still being handled the resend waits
-- for its reply. A location message is kept so that the sender's next text within 30 minutes is placed
-- there. Rows older than 30 minutes are deleted as messages arrive: the sender is only a keyed hash of
-- the openid, and a location is held no longer than it is of use.
create table wechat_message (
  openid_hash bytea not null,
  -- MsgId; for events, which have none, `<MsgType>:<CreateTime>:<Event>` (WeChat's own advice).
  msg_key text not null,
  kind text not null,
  lng double precision,
  lat double precision,
  label text,
  -- The passive reply once made; null while the first delivery is being handled (or when none was due).
  reply text,
  is_answered boolean not null default false,
  received_at timestamptz not null,
  primary key (openid_hash, msg_key)
);
create index wechat_message_received_idx on wechat_message (received_at);
create index wechat_message_location_idx on wechat_message (openid_hash, received_at desc)
  where kind = 'location';
