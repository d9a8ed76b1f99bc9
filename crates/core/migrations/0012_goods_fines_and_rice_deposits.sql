-- Credit sales fined by the group's late rule: the credit sales of a member due on one
-- collection day (an instalment) not paid by that month's late day are fined once, by the
-- entry recorded here (`goods_late_fine`, a dated setting).
CREATE TABLE goods_fine (
    member_id TEXT NOT NULL REFERENCES member(id),
    due       TEXT NOT NULL,               -- the collection day the instalment was due
    entry_id  TEXT NOT NULL REFERENCES journal_entry(id),
    date      TEXT NOT NULL,               -- the day it was charged
    PRIMARY KEY (member_id, due)
);
CREATE TRIGGER goods_fine_no_update BEFORE UPDATE ON goods_fine
BEGIN SELECT RAISE(ABORT, 'goods fines are never changed'); END;
CREATE TRIGGER goods_fine_no_delete BEFORE DELETE ON goods_fine
BEGIN SELECT RAISE(ABORT, 'goods fines are never deleted'); END;

-- Rice received into the granary in kind: a member's deposit (owed back in kilograms) and
-- a deposit taken back. Each row is the movement's part of the member's deposit: kilograms
-- (thousandths; + deposited, − taken back) and the value on the deposits account 2110.
INSERT OR IGNORE INTO account (code, name, kind, fund) VALUES
    ('2110', 'ข้าวฝากของสมาชิก (ธนาคารข้าว)', 'liability', 'operating');
CREATE TABLE rice_deposit (
    move_id      INTEGER PRIMARY KEY REFERENCES stock_move(id),
    business_id  TEXT NOT NULL REFERENCES business(id),
    member_id    TEXT NOT NULL REFERENCES member(id),
    kg           INTEGER NOT NULL,
    value        INTEGER NOT NULL
);
CREATE INDEX rice_deposit_member ON rice_deposit(business_id, member_id);
CREATE TRIGGER rice_deposit_no_update BEFORE UPDATE ON rice_deposit
BEGIN SELECT RAISE(ABORT, 'rice deposits are never changed'); END;
CREATE TRIGGER rice_deposit_no_delete BEFORE DELETE ON rice_deposit
BEGIN SELECT RAISE(ABORT, 'rice deposits are never deleted'); END;
