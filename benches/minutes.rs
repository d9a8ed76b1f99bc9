//! Speed of the minutes (release build): a member meeting with 300 attendees and 40 agenda
//! items of a paragraph each, from the meeting model to the written PDF. The target is under
//! 200 ms. Numbers are printed, never asserted.
//!
//! ```text
//! cargo bench --bench minutes
//! ```

use std::time::{Duration, Instant};

use sajja_core::documents::{self, PrintRequest, Progress};
use sajja_core::meeting::{AttendInput, ItemInput, MeetingInput};
use sajja_core::{Books, MemberInput, NewGroup};

const ATTENDEES: u32 = 300;
const ITEMS: u32 = 40;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    std::env::set_var("SAJJA_TODAY", "2025-12-20");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.db");
    let mut books = Books::create(
        &path,
        &NewGroup {
            name: "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง".into(),
            founded: "1/1/2568".into(),
            ..NewGroup::default()
        },
    )
    .expect("books");
    let firsts = ["สมชาย", "บุญเรือน", "ปิ่นแก้ว", "สมศักดิ์", "ประเสริฐ", "จันทร์เพ็ญ"];
    let lasts = [
        "ใจดี",
        "ศรีสุวรรณวงศ์",
        "ฤทธิ์ฤๅชัย",
        "ทองดี",
        "มั่นคง",
        "บุญมา",
        "ชัยมงคล",
    ];
    let inputs: Vec<MemberInput> = (0..ATTENDEES + 20)
        .map(|i| MemberInput {
            name: format!(
                "{}{} {}",
                if i % 2 == 0 { "นาย" } else { "นาง" },
                firsts[i as usize % firsts.len()],
                lasts[(i as usize / firsts.len()) % lasts.len()]
            ),
            joined: "1/1/2568".into(),
            shares: "1".into(),
            ..MemberInput::default()
        })
        .collect();
    books.add_members(&inputs).expect("members");
    let m = books
        .new_meeting(&MeetingInput {
            kind: "annual".into(),
            date: "15/12/2568".into(),
            place: "ศาลาประชาคมหมู่บ้านหนองแวง".into(),
            ..MeetingInput::default()
        })
        .expect("meeting");
    for n in 1..=ATTENDEES {
        books
            .meeting_attend(&AttendInput {
                meeting: m.meeting.clone(),
                member: n.to_string(),
                status: "present".into(),
                ..AttendInput::default()
            })
            .expect("attend");
    }
    for i in 0..ITEMS {
        books
            .meeting_item(&ItemInput {
                meeting: m.meeting.clone(),
                agenda: (i % 5 + 1).to_string(),
                title: format!("เรื่องที่ {} การดำเนินงานของกลุ่ม", i + 1),
                text: format!(
                    "ประธานแจ้งที่ประชุมว่ากลุ่มออมทรัพย์เพื่อการผลิตได้ดำเนินงานตามระเบียบของกลุ่มมาเป็นเวลา {} เดือน \
                     สมาชิกฝากเงินสัจจะสะสมเป็นประจำทุกเดือนอย่างสม่ำเสมอ และกู้ยืมเงินไปใช้ในการประกอบอาชีพ \
                     คณะกรรมการเงินกู้ได้ติดตามการใช้เงินกู้และการส่งคืนตามสัญญาทุกราย",
                    i + 1
                ),
                resolution: "ที่ประชุมมีมติเห็นชอบตามที่เสนอ".into(),
                votes_for: "250".into(),
                votes_against: "10".into(),
                votes_abstain: "40".into(),
                ..ItemInput::default()
            })
            .expect("item");
    }
    let t = Instant::now();
    documents::engine().expect("engine");
    println!("engine start-up {:>30.1} ms", ms(t.elapsed()));
    let out = dir.path().join("minutes.pdf");
    let mut times = Vec::new();
    let mut pages = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let job = books
            .print_job(&PrintRequest {
                document: "minutes".into(),
                meeting: m.meeting.clone(),
                // Each run writes the same file again.
                replace: true,
                ..PrintRequest::default()
            })
            .expect("minutes model");
        let printed = job.write(&out, &Progress::new()).expect("write");
        pages = printed.pages;
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "minutes, {ATTENDEES} attendees, {ITEMS} items ({pages} pages): median {:.1} ms  min {:.1} ms  max {:.1} ms  (7 runs; first run {:.1} ms included)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        ms(times[times.len() - 1])
    );
}
