-- Trust: what happened to the books beside the money (backups, restores, prints, seals, PINs),
-- the check codes printed on paper, the seals of the hash chain and the users at the keyboard.

-- Every event the audit committee reads: backups, restores, prints, seals, refused PINs, and
-- who did each write once the group has users. Never changed or deleted (triggers).
CREATE TABLE audit_event (
    id       INTEGER PRIMARY KEY,
    -- The treasurer's date (what `--from`/`--to` select) and the UTC timestamp.
    on_date  TEXT NOT NULL,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (length(kind) > 0),
    detail   TEXT NOT NULL DEFAULT '',
    -- Member numbers of the user at the keyboard and of the second person who confirmed.
    user_member     INTEGER,
    checker_member  INTEGER
);
CREATE INDEX audit_event_on ON audit_event (on_date);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are never changed'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are never deleted'); END;

-- A check code printed on a document: the journal's chain head when the figures were taken
-- (its sequence number and hash) and the digest of the document's figures. The code itself is
-- recomputed from the journal when checked, so editing this row does not make an old paper
-- agree with a rewritten history.
CREATE TABLE issued_code (
    code        TEXT PRIMARY KEY,
    document    TEXT NOT NULL,
    title       TEXT NOT NULL,
    printed_on  TEXT NOT NULL,
    issued_at   TEXT NOT NULL,
    chain_seq   INTEGER NOT NULL,
    chain_head  TEXT NOT NULL,
    content     TEXT NOT NULL
) WITHOUT ROWID;

-- The keyed seal: the salt and argon2 parameters of the key derived from the audit
-- committee's passphrase (the key and the passphrase are never stored), a check value that
-- tells a mistyped passphrase from a tampered chain, and the seals: an HMAC of the chain head
-- at a sequence number, each chained to the previous seal.
CREATE TABLE seal_key (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    salt       TEXT NOT NULL,
    params     TEXT NOT NULL,
    key_check  TEXT NOT NULL,
    set_at     TEXT NOT NULL
);
CREATE TABLE seal (
    id          INTEGER PRIMARY KEY,
    chain_seq   INTEGER NOT NULL,
    chain_head  TEXT NOT NULL,
    mac         TEXT NOT NULL,
    sealed_at   TEXT NOT NULL
);
