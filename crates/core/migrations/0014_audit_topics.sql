-- Sajja books, schema 14: the audit log says what each logged change was about and which
-- journal entries it posted, so the audit committee's report can join a reversal in the
-- journal to the two people who made and confirmed it, and sort closes, settings changes and
-- user changes into their own sections without reading the Thai text.
--
-- topic: 'reversal', 'close', 'setting', 'user', 'loan' (approval, write-off), or NULL for
-- events that are not about a change of the books (prints, backups, refused PINs).
ALTER TABLE audit_event ADD COLUMN topic TEXT;
-- The first and last journal sequence numbers the change posted (NULL: none).
ALTER TABLE audit_event ADD COLUMN first_seq INTEGER;
ALTER TABLE audit_event ADD COLUMN last_seq INTEGER;
CREATE INDEX audit_event_seq ON audit_event (first_seq) WHERE first_seq IS NOT NULL;
