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

/// Lets tests and views compare with the stored word (`status == "active"`).
impl PartialEq<&str> for LoanStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

crate::db::stored_as_word!(LoanStatus, "loan status");

/// The Thai label of a status as stored (empty for an unknown word).
pub fn status_label(status: &str) -> &'static str {
    LoanStatus::parse(status).map_or("", LoanStatus::label)
}

pub(super) fn event_label(kind: &str) -> &'static str {
    match kind {
        "applied" => "ยื่นคำขอกู้",
        "approved" => "อนุมัติ",
        "rejected" => "ไม่อนุมัติ",
        "disbursed" => "จ่ายเงินกู้",
        "paid_off" => "ชำระครบ ปิดสัญญา",
        "reopened" => "เปิดสัญญาอีกครั้ง (ยกเลิกรายการรับชำระ)",
        "restructured" => "ปรับโครงสร้างหนี้",
        "written_off" => "ตัดเป็นหนี้สูญ",
        "cancelled" => "ยกเลิก (ผู้กู้พ้นสภาพสมาชิก)",
        "member_left" => "ผู้กู้พ้นสภาพสมาชิก หักหนี้จากเงินสัจจะ",
        "guarantor_replaced" => "เปลี่ยนผู้ค้ำประกัน",
        "guarantor_released" => "มติให้ผู้ค้ำพ้นจากการค้ำประกัน",
        _ => "",
    }
}

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
