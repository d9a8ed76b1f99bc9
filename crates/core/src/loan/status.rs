//! A loan's status (typed, stored as text) and the words its statuses and events are shown with.

/// Where a loan is in its life. Stored as the text of [`LoanStatus::as_str`] (the `loan.status`
/// CHECK of migrations/0002_loans.sql lists the same words) and sent as that text in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanStatus {
    /// Applied for, waiting for the committee.
    Applied,
    /// Approved, waiting to be paid out.
    Approved,
    Rejected,
    /// Paid out and being repaid.
    Active,
    /// Repaid in full.
    Closed,
    /// Its balance was taken over by a new contract.
    Restructured,
    WrittenOff,
}

impl LoanStatus {
    pub const ALL: [LoanStatus; 7] = [
        LoanStatus::Applied,
        LoanStatus::Approved,
        LoanStatus::Rejected,
        LoanStatus::Active,
        LoanStatus::Closed,
        LoanStatus::Restructured,
        LoanStatus::WrittenOff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LoanStatus::Applied => "applied",
            LoanStatus::Approved => "approved",
            LoanStatus::Rejected => "rejected",
            LoanStatus::Active => "active",
            LoanStatus::Closed => "closed",
            LoanStatus::Restructured => "restructured",
            LoanStatus::WrittenOff => "written_off",
        }
    }

    pub fn parse(text: &str) -> Option<LoanStatus> {
        LoanStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The Thai label shown on screens and documents.
    pub fn label(self) -> &'static str {
        match self {
            LoanStatus::Applied => "ยื่นคำขอกู้ รออนุมัติ",
            LoanStatus::Approved => "อนุมัติแล้ว รอจ่ายเงิน",
            LoanStatus::Rejected => "ไม่อนุมัติ",
            LoanStatus::Active => "กำลังผ่อนชำระ",
            LoanStatus::Closed => "ชำระครบแล้ว",
            LoanStatus::Restructured => "ปรับโครงสร้างหนี้แล้ว",
            LoanStatus::WrittenOff => "ตัดเป็นหนี้สูญ",
        }
    }

    /// Still owed or still to be decided: counts against limits and guarantees.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            LoanStatus::Applied | LoanStatus::Approved | LoanStatus::Active
        )
    }
}

impl std::fmt::Display for LoanStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::db::stored_as_word!(LoanStatus, "loan status");

/// The Thai label of a status as stored (empty for an unknown word).
pub fn status_label(status: &str) -> &'static str {
    LoanStatus::parse(status).map_or("", LoanStatus::label)
}

/// What happened to a loan, as its card lists it. Stored as the word of
/// [`LoanEventKind::as_str`] (the `loan_event.kind` CHECK of
/// migrations/0007_members_leaving_with_loans.sql lists the same words; `paid_off` and
/// `reopened` are written by the schema's triggers) and sent as that word in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanEventKind {
    Applied,
    Approved,
    Rejected,
    Disbursed,
    /// The last principal was repaid (trigger `loan_paid_off`).
    PaidOff,
    /// The entry that ended the loan was reversed: a repayment that closed it (trigger
    /// `loan_reopened`) or its write-off (`lifecycle::reopen_written_off`).
    Reopened,
    Restructured,
    WrittenOff,
    /// An application or approval dropped because the borrower left the group.
    Cancelled,
    MemberLeft,
    GuarantorReplaced,
    GuarantorReleased,
}

impl LoanEventKind {
    pub const ALL: [LoanEventKind; 12] = [
        LoanEventKind::Applied,
        LoanEventKind::Approved,
        LoanEventKind::Rejected,
        LoanEventKind::Disbursed,
        LoanEventKind::PaidOff,
        LoanEventKind::Reopened,
        LoanEventKind::Restructured,
        LoanEventKind::WrittenOff,
        LoanEventKind::Cancelled,
        LoanEventKind::MemberLeft,
        LoanEventKind::GuarantorReplaced,
        LoanEventKind::GuarantorReleased,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LoanEventKind::Applied => "applied",
            LoanEventKind::Approved => "approved",
            LoanEventKind::Rejected => "rejected",
            LoanEventKind::Disbursed => "disbursed",
            LoanEventKind::PaidOff => "paid_off",
            LoanEventKind::Reopened => "reopened",
            LoanEventKind::Restructured => "restructured",
            LoanEventKind::WrittenOff => "written_off",
            LoanEventKind::Cancelled => "cancelled",
            LoanEventKind::MemberLeft => "member_left",
            LoanEventKind::GuarantorReplaced => "guarantor_replaced",
            LoanEventKind::GuarantorReleased => "guarantor_released",
        }
    }

    /// The Thai label on the loan card.
    pub fn label(self) -> &'static str {
        match self {
            LoanEventKind::Applied => "ยื่นคำขอกู้",
            LoanEventKind::Approved => "อนุมัติ",
            LoanEventKind::Rejected => "ไม่อนุมัติ",
            LoanEventKind::Disbursed => "จ่ายเงินกู้",
            LoanEventKind::PaidOff => "ชำระครบ ปิดสัญญา",
            LoanEventKind::Reopened => "เปิดสัญญาอีกครั้ง (ยกเลิกรายการที่ปิดสัญญา)",
            LoanEventKind::Restructured => "ปรับโครงสร้างหนี้",
            LoanEventKind::WrittenOff => "ตัดเป็นหนี้สูญ",
            LoanEventKind::Cancelled => "ยกเลิก (ผู้กู้พ้นสภาพสมาชิก)",
            LoanEventKind::MemberLeft => "ผู้กู้พ้นสภาพสมาชิก หักหนี้จากเงินสัจจะ",
            LoanEventKind::GuarantorReplaced => "เปลี่ยนผู้ค้ำประกัน",
            LoanEventKind::GuarantorReleased => "มติให้ผู้ค้ำพ้นจากการค้ำประกัน",
        }
    }

    /// Whether the event ends the contract (repaid, restructured, written off or rejected).
    pub fn ends_the_contract(self) -> bool {
        matches!(
            self,
            LoanEventKind::PaidOff
                | LoanEventKind::Restructured
                | LoanEventKind::WrittenOff
                | LoanEventKind::Rejected
        )
    }
}

crate::db::stored_as_word!(LoanEventKind, "loan event");

#[cfg(test)]
mod status_tests {
    use super::LoanStatus;

    #[test]
    fn every_status_reads_back_from_its_stored_word() {
        for s in LoanStatus::ALL {
            assert_eq!(LoanStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
            assert!(!s.label().is_empty());
        }
        assert_eq!(LoanStatus::parse("paid"), None);
    }
}
