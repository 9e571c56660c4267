-- Cheaper person indexes for bulk imports: most of the cost of writing a person is index maintenance, and a
-- city imports a million of them. The searches they serve are unchanged.

-- The last four digits are only ever compared for equality (search by ID suffix): a hash index finds the
-- bucket without descending a btree or calling the collation on every comparison.
drop index person_id_last4_idx;
create index person_id_last4_idx on person using hash (id_last4);

-- People without a known house or phone need no entry: every lookup by house or phone hash names a value,
-- which implies it is not null, so the partial indexes still serve them (and the house foreign key).
drop index person_house_idx;
create index person_house_idx on person (house_id) where house_id is not null;
drop index person_phone_hash_idx;
create index person_phone_hash_idx on person (phone_hash) where phone_hash is not null;
