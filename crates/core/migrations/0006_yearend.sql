-- Year-end (ปิดบัญชีประจำปี): the accounts the allocation posts to, the record of each closed
-- year with its pools and per-member dividends, and the one exception to the lock: the closing
-- entries of a year are dated on its last day, after its months were closed.

INSERT OR IGNORE INTO account (code, name, kind, fund) VALUES
    ('2300', 'เงินปันผลค้างจ่าย', 'liability', 'operating'),
    ('2310', 'เงินเฉลี่ยคืนค้างจ่าย', 'liability', 'operating'),
    ('2320', 'ค่าตอบแทนกรรมการค้างจ่าย', 'liability', 'operating'),
    ('3210', 'ทุนสวัสดิการสมาชิก', 'equity', 'operating'),
    ('3220', 'ทุนสาธารณประโยชน์', 'equity', 'operating'),
    ('3230', 'ทุนอื่นตามระเบียบกลุ่ม', 'equity', 'operating'),
    ('3800', 'กำไร(ขาดทุน)สุทธิประจำปี', 'equity', 'operating');

-- Who prepared a year's allocation for the committee (a member number, or the user at the
-- computer), each time it was prepared. The approver at close must be someone else.
CREATE TABLE year_preparation (
    id           INTEGER PRIMARY KEY,
    year_be      INTEGER NOT NULL,
    prepared_by  TEXT NOT NULL CHECK (length(trim(prepared_by)) > 0),
    prepared_at  TEXT NOT NULL,
    net_profit   INTEGER NOT NULL
);

-- A closed accounting year: the meeting that approved it, who prepared and who approved.
CREATE TABLE year_close (
    year_be       INTEGER PRIMARY KEY,
    year_start    TEXT NOT NULL,
    year_end      TEXT NOT NULL UNIQUE,
    meeting_date  TEXT NOT NULL,
    prepared_by   TEXT NOT NULL,
    approved_by   INTEGER NOT NULL,
    net_profit    INTEGER NOT NULL,
    method        TEXT NOT NULL,
    rounding      TEXT NOT NULL,
    closed_at     TEXT NOT NULL
);

-- The pools as posted: heading, percentage, amount, and what rounding of the member shares
-- left over (moved to the reserve).
CREATE TABLE year_pool (
    year_be   INTEGER NOT NULL REFERENCES year_close(year_be),
    heading   TEXT NOT NULL,
    percent   TEXT NOT NULL,
    amount    INTEGER NOT NULL,
    residual  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year_be, heading)
) WITHOUT ROWID;

-- Each member's share as posted (amounts in satang; weight in satang, or satang-days).
CREATE TABLE year_member (
    year_be                  INTEGER NOT NULL REFERENCES year_close(year_be),
    member_id                TEXT NOT NULL REFERENCES member(id),
    weight                   INTEGER NOT NULL,
    interest_paid            INTEGER NOT NULL,
    dividend                 INTEGER NOT NULL,
    average_return           INTEGER NOT NULL,
    eligible_dividend        INTEGER NOT NULL,
    eligible_average_return  INTEGER NOT NULL,
    note                     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year_be, member_id)
) WITHOUT ROWID;

CREATE TRIGGER year_close_no_update BEFORE UPDATE ON year_close
BEGIN SELECT RAISE(ABORT, 'a closed year stays closed'); END;
CREATE TRIGGER year_close_no_delete BEFORE DELETE ON year_close
BEGIN SELECT RAISE(ABORT, 'a closed year stays closed'); END;
CREATE TRIGGER year_pool_no_update BEFORE UPDATE ON year_pool
BEGIN SELECT RAISE(ABORT, 'a closed year stays closed'); END;
CREATE TRIGGER year_pool_no_delete BEFORE DELETE ON year_pool
BEGIN SELECT RAISE(ABORT, 'a closed year stays closed'); END;
CREATE TRIGGER year_member_no_update BEFORE UPDATE ON year_member
BEGIN SELECT RAISE(ABORT, 'a closed year stays closed'); END;
CREATE TRIGGER year_member_no_delete BEFORE DELETE ON year_member
BEGIN SELECT RAISE(ABORT, 'a closed year stays closed'); END;
CREATE TRIGGER year_preparation_no_update BEFORE UPDATE ON year_preparation
BEGIN SELECT RAISE(ABORT, 'preparations are kept as typed'); END;

-- The lock refuses every entry on or before the lock date, except the closing entries of a
-- year not yet closed (and later than every closed year): they are dated on its last day.
DROP TRIGGER journal_entry_locked;
CREATE TRIGGER journal_entry_locked BEFORE INSERT ON journal_entry
WHEN NEW.date <= (SELECT max(through) FROM period_lock)
 AND NOT (NEW.kind = 'year_close'
          AND NOT EXISTS (SELECT 1 FROM year_close WHERE year_end >= NEW.date))
BEGIN SELECT RAISE(ABORT, 'the period is closed'); END;

-- What was paid of each member's dividend and average return of a closed year, entry by entry
-- (a payout reversed in the journal no longer counts).
CREATE TABLE year_payout (
    year_be         INTEGER NOT NULL REFERENCES year_close(year_be),
    member_id       TEXT NOT NULL REFERENCES member(id),
    entry_id        TEXT NOT NULL REFERENCES journal_entry(id),
    dividend        INTEGER NOT NULL,
    average_return  INTEGER NOT NULL,
    paid_to         TEXT NOT NULL CHECK (paid_to IN ('cash', 'savings', 'deposit')),
    PRIMARY KEY (year_be, member_id, entry_id)
) WITHOUT ROWID;
CREATE TRIGGER year_payout_no_update BEFORE UPDATE ON year_payout
BEGIN SELECT RAISE(ABORT, 'payouts are kept as posted'); END;
CREATE TRIGGER year_payout_no_delete BEFORE DELETE ON year_payout
BEGIN SELECT RAISE(ABORT, 'payouts are kept as posted'); END;
