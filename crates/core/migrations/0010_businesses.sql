-- The group's businesses run from the operating capital (DOMAIN §10): a community shop, farm
-- inputs, a granary or rice bank. Money lives in postings as everywhere else; these tables hold
-- the businesses, their items and every movement of goods with the value it booked.

INSERT OR IGNORE INTO account (code, name, kind, fund) VALUES
    ('1120', 'เงินสดของธุรกิจกลุ่ม', 'asset', 'operating'),
    ('1230', 'ลูกหนี้ค่าสินค้า', 'asset', 'operating'),
    ('1240', 'ลูกหนี้ข้าว (ธนาคารข้าว)', 'asset', 'operating'),
    ('1300', 'สินค้าและข้าวคงเหลือ', 'asset', 'operating'),
    ('4500', 'รายได้จากการขายสินค้า', 'income', 'operating'),
    ('4510', 'ดอกเบี้ยข้าว (ธนาคารข้าว)', 'income', 'operating'),
    ('5500', 'ต้นทุนสินค้าที่ขาย', 'expense', 'operating'),
    ('5510', 'สินค้าขาด (เกิน) จากการตรวจนับ', 'expense', 'operating');

-- A business of the group. `capital` is what the committee assigned from the operating
-- capital when it opened (entry `entry_id`: the group's cash or bank to the business's cash).
CREATE TABLE business (
    id          TEXT PRIMARY KEY,
    number      INTEGER NOT NULL UNIQUE CHECK (number > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('shop', 'granary', 'inputs', 'other')),
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    manager     TEXT NOT NULL DEFAULT '',
    capital     INTEGER NOT NULL CHECK (capital >= 0),
    opened      TEXT NOT NULL,
    entry_id    TEXT REFERENCES journal_entry(id),
    created_at  TEXT NOT NULL
);

-- The goods a business keeps: quantities are thousandths of the unit (ถุง, กิโลกรัม, ...).
CREATE TABLE item (
    id           TEXT PRIMARY KEY,
    business_id  TEXT NOT NULL REFERENCES business(id),
    number       INTEGER NOT NULL CHECK (number > 0),
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit         TEXT NOT NULL CHECK (length(trim(unit)) > 0),
    price        INTEGER,
    created_at   TEXT NOT NULL,
    UNIQUE (business_id, number),
    UNIQUE (business_id, name)
);

-- Which business each of its journal entries belongs to (a business's own figures are the
-- postings of these entries).
CREATE TABLE business_entry (
    entry_seq    INTEGER PRIMARY KEY REFERENCES journal_entry(seq),
    business_id  TEXT NOT NULL REFERENCES business(id)
);
CREATE INDEX business_entry_business ON business_entry(business_id, entry_seq);

-- A business's balances per account over its own entries, kept in the same transaction as
-- each entry (like `balance`), so its cash is read, not summed; `verify` recomputes them.
CREATE TABLE business_balance (
    business_id  TEXT NOT NULL REFERENCES business(id),
    account      TEXT NOT NULL REFERENCES account(code),
    amount       INTEGER NOT NULL,
    PRIMARY KEY (business_id, account)
) WITHOUT ROWID;

-- Every movement of goods, in the order it happened (dates never go back within a business),
-- with the value it booked on the stock account 1300 and the item's quantity and value after
-- it. `qty` and `value` are signed: in > 0, out < 0.
CREATE TABLE stock_move (
    id           INTEGER PRIMARY KEY,
    business_id  TEXT NOT NULL REFERENCES business(id),
    item_id      TEXT NOT NULL REFERENCES item(id),
    date         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('buy', 'sell', 'count', 'receive', 'lend', 'repay', 'reversal')),
    qty          INTEGER NOT NULL,
    value        INTEGER NOT NULL,
    qty_after    INTEGER NOT NULL CHECK (qty_after >= 0),
    value_after  INTEGER NOT NULL CHECK (value_after >= 0),
    amount       INTEGER NOT NULL DEFAULT 0,     -- money paid or received (satang)
    member_id    TEXT REFERENCES member(id),
    credit       INTEGER NOT NULL DEFAULT 0 CHECK (credit IN (0, 1)),
    party        TEXT NOT NULL DEFAULT '',       -- the supplier, or who donated
    reverses     INTEGER UNIQUE REFERENCES stock_move(id),
    entry_id     TEXT REFERENCES journal_entry(id),
    recorded_at  TEXT NOT NULL
);
CREATE INDEX stock_move_item ON stock_move(item_id, id);
CREATE INDEX stock_move_business ON stock_move(business_id, id);
CREATE INDEX stock_move_member ON stock_move(member_id, date) WHERE member_id IS NOT NULL;

CREATE TRIGGER business_no_delete BEFORE DELETE ON business
BEGIN SELECT RAISE(ABORT, 'businesses are never deleted'); END;
CREATE TRIGGER item_no_delete BEFORE DELETE ON item
BEGIN SELECT RAISE(ABORT, 'items are never deleted'); END;
CREATE TRIGGER business_entry_no_update BEFORE UPDATE ON business_entry
BEGIN SELECT RAISE(ABORT, 'business entries are never changed'); END;
CREATE TRIGGER business_entry_no_delete BEFORE DELETE ON business_entry
BEGIN SELECT RAISE(ABORT, 'business entries are never changed'); END;
CREATE TRIGGER stock_move_no_update BEFORE UPDATE ON stock_move
BEGIN SELECT RAISE(ABORT, 'stock movements are never changed: reverse them instead'); END;
CREATE TRIGGER stock_move_no_delete BEFORE DELETE ON stock_move
BEGIN SELECT RAISE(ABORT, 'stock movements are never changed: reverse them instead'); END;

-- The rice bank (ธนาคารข้าว): rice lent to a member in kilograms (`kg`, thousandths) out of a
-- granary's item, at its cost then (`value`), repaid in kilograms with interest in kind at the
-- bank's rate (`rate` kg per 100 kg per season of `season_months`), due at the first season's
-- end. Each repayment is a stock movement; its split into interest and principal is kept.
CREATE TABLE rice_loan (
    id             TEXT PRIMARY KEY,
    business_id    TEXT NOT NULL REFERENCES business(id),
    item_id        TEXT NOT NULL REFERENCES item(id),
    member_id      TEXT NOT NULL REFERENCES member(id),
    number         INTEGER NOT NULL CHECK (number > 0),
    lent_on        TEXT NOT NULL,
    kg             INTEGER NOT NULL CHECK (kg > 0),
    value          INTEGER NOT NULL CHECK (value >= 0),
    rate           TEXT NOT NULL,
    season_months  INTEGER NOT NULL CHECK (season_months > 0),
    due            TEXT NOT NULL,
    move_id        INTEGER NOT NULL REFERENCES stock_move(id),
    UNIQUE (business_id, number)
);
CREATE INDEX rice_loan_member ON rice_loan(member_id, lent_on);

CREATE TABLE rice_repayment (
    move_id          INTEGER NOT NULL REFERENCES stock_move(id),
    loan_id          TEXT NOT NULL REFERENCES rice_loan(id),
    principal        INTEGER NOT NULL CHECK (principal >= 0),
    interest         INTEGER NOT NULL CHECK (interest >= 0),
    principal_value  INTEGER NOT NULL CHECK (principal_value >= 0),
    interest_value   INTEGER NOT NULL CHECK (interest_value >= 0),
    PRIMARY KEY (move_id, loan_id)
);
CREATE INDEX rice_repayment_loan ON rice_repayment(loan_id);

CREATE TRIGGER rice_loan_no_update BEFORE UPDATE ON rice_loan
BEGIN SELECT RAISE(ABORT, 'rice loans are never changed'); END;
CREATE TRIGGER rice_loan_no_delete BEFORE DELETE ON rice_loan
BEGIN SELECT RAISE(ABORT, 'rice loans are never changed'); END;
CREATE TRIGGER rice_repayment_no_update BEFORE UPDATE ON rice_repayment
BEGIN SELECT RAISE(ABORT, 'rice repayments are never changed'); END;
CREATE TRIGGER rice_repayment_no_delete BEFORE DELETE ON rice_repayment
BEGIN SELECT RAISE(ABORT, 'rice repayments are never changed'); END;
