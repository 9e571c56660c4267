-- A person's phone is looked up only by its keyed hash, for equality: a hash index (4-byte hash codes)
-- is under half the size of a btree over 32-byte keys, and each imported person costs it less to maintain.
drop index person_phone_hash_idx;
create index person_phone_hash_idx on person using hash (phone_hash) where phone_hash is not null;
