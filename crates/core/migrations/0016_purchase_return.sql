-- Sajja books, schema 16: the purchase-based return (เฉลี่ยคืนตามยอดซื้อ), an allocation heading
-- of the year-end shared by each member's purchases from the group's businesses in the year.
--
-- Its pool is credited per member to a payable of its own (2315), kept with each member's
-- share of a closed year (`year_member`) and with each payout (`year_payout`). Years closed
-- before keep zero in the new columns: they had no such heading.
INSERT OR IGNORE INTO account (code, name, kind, fund) VALUES
    ('2315', 'เงินเฉลี่ยคืนตามยอดซื้อค้างจ่าย', 'liability', 'operating');
ALTER TABLE year_member ADD COLUMN purchases INTEGER NOT NULL DEFAULT 0;
ALTER TABLE year_member ADD COLUMN purchase_return INTEGER NOT NULL DEFAULT 0;
ALTER TABLE year_member ADD COLUMN eligible_purchase_return INTEGER NOT NULL DEFAULT 0;
ALTER TABLE year_payout ADD COLUMN purchase_return INTEGER NOT NULL DEFAULT 0;
