-- Sajja books, schema 1: the group, its dated rules, members, the chart of accounts and the
-- append-only journal. Amounts are INTEGER satang; dates are TEXT 'YYYY-MM-DD' (civil dates,
-- Gregorian; พ.ศ. is presentation only); timestamps are UTC ISO-8601.

CREATE TABLE group_info (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    uuid             TEXT NOT NULL,
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    village          TEXT NOT NULL DEFAULT '',
    moo              TEXT NOT NULL DEFAULT '',
    tambon           TEXT NOT NULL DEFAULT '',
    amphoe           TEXT NOT NULL DEFAULT '',
    province         TEXT NOT NULL DEFAULT '',
    founded          TEXT NOT NULL,
    created_at       TEXT NOT NULL
);

-- Every change to the group's details is kept, like member changes.
CREATE TABLE group_change (
    id          INTEGER PRIMARY KEY,
    field       TEXT NOT NULL,
    old_value   TEXT NOT NULL,
    new_value   TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);

-- The group's rules (ระเบียบกลุ่ม) as dated values: the value in force on a date is the row
-- with the latest `effective` on or before it. Rows are never changed, only added.
CREATE TABLE setting (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL,
    effective   TEXT NOT NULL,
    value       TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX setting_key ON setting(key, effective, id);

CREATE TABLE member (
    id           TEXT PRIMARY KEY,                 -- UUIDv7
    number       INTEGER NOT NULL UNIQUE CHECK (number > 0),
    title        TEXT NOT NULL,
    first_name   TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
    last_name    TEXT NOT NULL,
    id_card      TEXT,
    birth_date   TEXT,
    address      TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    joined       TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
    left_on      TEXT,
    left_reason  TEXT,
    created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX member_id_card ON member(id_card) WHERE id_card IS NOT NULL;

-- Member numbers are handed out once and never again, even if a member row could vanish.
CREATE TABLE counter (
    name   TEXT PRIMARY KEY,
    last   INTEGER NOT NULL
);

-- Pledged shares per month, dated: the pledge in force for a month is the latest row whose
-- `effective` is on or before the month's first day (or the joining row).
CREATE TABLE member_pledge (
    member_id  TEXT NOT NULL REFERENCES member(id),
    effective  TEXT NOT NULL,
    shares     INTEGER NOT NULL CHECK (shares >= 0),
    PRIMARY KEY (member_id, effective)
);

CREATE TABLE beneficiary (
    member_id      TEXT NOT NULL REFERENCES member(id),
    seq            INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 3),
    name           TEXT NOT NULL,
    relation       TEXT NOT NULL DEFAULT '',
    id_card        TEXT,
    share_bp       INTEGER NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000), -- basis points
    PRIMARY KEY (member_id, seq)
);

-- Every edit of a member, field by field, with the date it takes effect and when it was typed.
CREATE TABLE member_change (
    id          INTEGER PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES member(id),
    changed_on  TEXT NOT NULL,
    field       TEXT NOT NULL,
    old_value   TEXT NOT NULL,
    new_value   TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX member_change_member ON member_change(member_id, id);

CREATE TRIGGER member_no_delete BEFORE DELETE ON member
BEGIN SELECT RAISE(ABORT, 'members are never deleted: a member who leaves keeps the number'); END;
CREATE TRIGGER member_change_no_update BEFORE UPDATE ON member_change
BEGIN SELECT RAISE(ABORT, 'member history is append-only'); END;
CREATE TRIGGER member_change_no_delete BEFORE DELETE ON member_change
BEGIN SELECT RAISE(ABORT, 'member history is append-only'); END;
CREATE TRIGGER setting_no_update BEFORE UPDATE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are dated and append-only'); END;
CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are dated and append-only'); END;

-- Chart of accounts. `fund` separates the operating capital from the expense fund (DOMAIN §10).
CREATE TABLE account (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense')),
    fund    TEXT NOT NULL CHECK (fund IN ('operating', 'expense'))
);

-- The journal. An entry and its postings are written once, in one transaction, and never
-- changed: triggers below refuse UPDATE and DELETE. `hash` chains every entry to the one
-- before it (sha256 over the previous hash and the entry's canonical text) so `sajja verify`
-- can prove nothing was altered even by someone who dropped the triggers.
CREATE TABLE journal_entry (
    seq         INTEGER PRIMARY KEY,               -- order of posting, no gaps
    id          TEXT NOT NULL UNIQUE,              -- UUIDv7
    date        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    memo        TEXT NOT NULL DEFAULT '',
    member_id   TEXT REFERENCES member(id),
    receipt     TEXT UNIQUE,                       -- e.g. 2568/0153 for collection rows
    reverses    TEXT UNIQUE REFERENCES journal_entry(id),
    reason      TEXT,
    recorded_at TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX journal_entry_date ON journal_entry(date);
CREATE INDEX journal_entry_member ON journal_entry(member_id, date);

CREATE TABLE posting (
    entry_seq   INTEGER NOT NULL REFERENCES journal_entry(seq),
    line        INTEGER NOT NULL,
    date        TEXT NOT NULL,                     -- the entry's date, kept here for as-at sums
    account     TEXT NOT NULL REFERENCES account(code),
    amount      INTEGER NOT NULL CHECK (amount <> 0), -- satang; debit > 0, credit < 0
    member_id   TEXT REFERENCES member(id),
    loan_id     TEXT,
    PRIMARY KEY (entry_seq, line)
);
CREATE INDEX posting_member ON posting(member_id, account, date) WHERE member_id IS NOT NULL;
CREATE INDEX posting_account ON posting(account, date);

CREATE TRIGGER journal_entry_no_update BEFORE UPDATE ON journal_entry
BEGIN SELECT RAISE(ABORT, 'posted entries are never changed: reverse them instead'); END;
CREATE TRIGGER journal_entry_no_delete BEFORE DELETE ON journal_entry
BEGIN SELECT RAISE(ABORT, 'posted entries are never deleted: reverse them instead'); END;
CREATE TRIGGER posting_no_update BEFORE UPDATE ON posting
BEGIN SELECT RAISE(ABORT, 'posted entries are never changed: reverse them instead'); END;
CREATE TRIGGER posting_no_delete BEFORE DELETE ON posting
BEGIN SELECT RAISE(ABORT, 'posted entries are never deleted: reverse them instead'); END;

-- Month close: the books are locked through `through`; nothing may be posted on or before it.
CREATE TABLE period_lock (
    through     TEXT PRIMARY KEY,
    locked_at   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER period_lock_no_update BEFORE UPDATE ON period_lock
BEGIN SELECT RAISE(ABORT, 'a closed month stays closed'); END;
CREATE TRIGGER period_lock_no_delete BEFORE DELETE ON period_lock
BEGIN SELECT RAISE(ABORT, 'a closed month stays closed'); END;
CREATE TRIGGER journal_entry_locked BEFORE INSERT ON journal_entry
WHEN NEW.date <= (SELECT max(through) FROM period_lock)
BEGIN SELECT RAISE(ABORT, 'the period is closed'); END;

-- Derived balances per (account, member), kept by trigger in the same transaction as the
-- postings so day-to-day screens need not sum years of history. `sajja verify` recomputes
-- them from the postings.
CREATE TABLE balance (
    account    TEXT NOT NULL,
    member_key TEXT NOT NULL,                      -- member id, or '' for the group as a whole
    amount     INTEGER NOT NULL,
    PRIMARY KEY (account, member_key)
) WITHOUT ROWID;
CREATE TRIGGER posting_balance AFTER INSERT ON posting
BEGIN
    INSERT INTO balance (account, member_key, amount) VALUES (NEW.account, coalesce(NEW.member_id, ''), NEW.amount)
    ON CONFLICT (account, member_key) DO UPDATE SET amount = amount + excluded.amount;
END;

-- Cash counts at the end of a collection day or before a month close: what the books expected,
-- what was in the box, and the entry that booked any difference.
CREATE TABLE cash_count (
    id          INTEGER PRIMARY KEY,
    date        TEXT NOT NULL,
    expected    INTEGER NOT NULL,
    counted     INTEGER NOT NULL,
    entry_id    TEXT REFERENCES journal_entry(id),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE TRIGGER cash_count_no_update BEFORE UPDATE ON cash_count
BEGIN SELECT RAISE(ABORT, 'cash counts are never changed'); END;
CREATE TRIGGER cash_count_no_delete BEFORE DELETE ON cash_count
BEGIN SELECT RAISE(ABORT, 'cash counts are never deleted'); END;

-- A fine for a late month of pledged savings is charged once: this row remembers that the
-- month (YYYY-MM) was fined, by which entry. Reversing that entry waives the fine without
-- charging it again.
CREATE TABLE fine_accrual (
    member_id  TEXT NOT NULL REFERENCES member(id),
    month      TEXT NOT NULL,
    entry_id   TEXT NOT NULL REFERENCES journal_entry(id),
    date       TEXT NOT NULL,
    PRIMARY KEY (member_id, month)
) WITHOUT ROWID;

-- Who received the money when a member left (the member, or each beneficiary in their share).
CREATE TABLE settlement_payee (
    entry_id   TEXT NOT NULL REFERENCES journal_entry(id),
    seq        INTEGER NOT NULL,
    payee      TEXT NOT NULL,
    relation   TEXT NOT NULL DEFAULT '',
    amount     INTEGER NOT NULL,
    PRIMARY KEY (entry_id, seq)
);
