-- 0016: the store's identity, a random id made once when the store is first
-- opened. On SQLite the access log's file holds the same id (its own
-- store_identity table, in audit/access_log.sql), so that a log put back
-- beside the wrong records is noticed at once instead of being trusted:
-- the pair must match to open. hearth backup copies it with the files;
-- hearth restore checks it.

CREATE TABLE store_identity (
    id TEXT PRIMARY KEY
);
