-- GA/T 1400 (视图库): who is registered, and which Digest nonce counts were used. Kept in the database,
-- not in a process, so a device that registered through one civgrid process may keep alive and upload
-- through any other.

-- A registered device (System/Register) until it unregisters or stays silent past `expires_at`; every
-- authenticated request pushes `expires_at` on.
create table viid_session (
  device_id bigint primary key references device (id) on delete cascade,
  registered_at timestamptz not null,
  expires_at timestamptz not null
);

-- Each (nonce, nonce count) a request was accepted with: the same pair again is a replay. Nonces are
-- minted without a row (their expiry and realm are inside them, under an HMAC); rows go when they expire.
create table viid_nonce_use (
  nonce text not null,
  nc text not null,
  expires_at timestamptz not null,
  primary key (nonce, nc)
);
create index viid_nonce_use_expires_idx on viid_nonce_use (expires_at);
