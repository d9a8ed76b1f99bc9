//! The purchase-based return (เฉลี่ยคืนตามยอดซื้อ): a year of a shop selling to members (cash
//! and credit) and to an outsider, the regulation giving the heading a share of the profit;
//! each member's purchases and share checked against an independent computation from the
//! script itself, then the close, the payout and `verify`.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::util::{money, TempBooks};

const TODAY: &str = "2026-01-20";

fn dec(v: &serde_json::Value) -> Decimal {
    money(v).parse().unwrap()
}

fn half_up(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// (date, member or none, qty, price per unit, on credit)
const SALES: &[(&str, Option<u32>, u32, &str, bool)] = &[
    ("2025-01-15", Some(1), 10, "35", false),
    ("2025-02-10", Some(2), 3, "35", true),
    ("2025-03-08", None, 40, "35", false),
    ("2025-04-20", Some(1), 7, "36.50", false),
    ("2025-06-02", Some(3), 1, "36.50", false),
    ("2025-07-19", Some(2), 9, "36.50", false),
    ("2025-09-30", Some(1), 2, "37.25", true),
    ("2025-11-11", Some(3), 13, "37.25", false),
    ("2025-12-20", None, 5, "37.25", false),
];

fn scripted_shop_year(b: &TempBooks) {
    b.json(
        TODAY,
        &["init", "--name", "กลุ่มทดสอบเฉลี่ยคืน", "--founded", "1/1/2568"],
    );
    for name in ["นายหนึ่ง ใจดี", "นางสอง ศรีสุข", "นายสาม มั่นคง", "นางสี่ บุญมา"]
    {
        b.json(
            TODAY,
            &[
                "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", "2",
            ],
        );
    }
    // The regulation: a fifth of the profit back by purchases (the dividend gives way).
    for (key, value) in [
        ("allocation_purchase_return", "20"),
        ("allocation_dividend", "40"),
    ] {
        b.json(
            TODAY,
            &["settings", "set", key, value, "--from", "2025-01-01"],
        );
    }
    b.json(
        TODAY,
        &[
            "collect",
            "--date",
            "2025-01-02",
            "--member",
            "1",
            "--deposit",
            "100000",
        ],
    );
    b.json(
        TODAY,
        &[
            "business",
            "add",
            "--kind",
            "shop",
            "--name",
            "ร้านค้าชุมชน",
            "--capital",
            "30000",
            "--date",
            "2025-01-03",
        ],
    );
    b.json(
        TODAY,
        &[
            "item",
            "add",
            "--business",
            "1",
            "--name",
            "ข้าวสาร",
            "--unit",
            "ถุง",
            "--price",
            "35",
        ],
    );
    b.json(
        TODAY,
        &[
            "stock",
            "buy",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            "200",
            "--cost",
            "5000",
            "--date",
            "2025-01-05",
        ],
    );
    for (date, member, qty, price, credit) in SALES {
        let qty = qty.to_string();
        let member_text = member.map(|m| m.to_string()).unwrap_or_default();
        let mut args = vec![
            "stock",
            "sell",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            &qty,
            "--price",
            price,
            "--date",
            date,
        ];
        if member.is_some() {
            args.extend(["--member", member_text.as_str()]);
            if *credit {
                args.push("--credit");
            }
        }
        b.json(TODAY, &args);
    }
    for month in 1..=12 {
        b.json(TODAY, &["close-month", &format!("2568-{month:02}")]);
    }
}

/// What the purchase-return payable (2315) was credited, by entries of `kind` ('' = all).
fn payable(b: &TempBooks, kind: &str) -> Decimal {
    let books = sajja_core::Books::open(&b.path).unwrap();
    let s: i64 = books
        .conn()
        .query_row(
            "SELECT -coalesce(sum(p.amount), 0) FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
             WHERE p.account = '2315' AND (?1 = '' OR e.kind = ?1)",
            [kind],
            |r| r.get(0),
        )
        .unwrap();
    Decimal::new(s, 2)
}

#[test]
fn the_purchase_based_return_shares_its_pool_by_purchases_to_the_satang() {
    let b = TempBooks::new();
    scripted_shop_year(&b);

    // Independent: each member's purchases straight from the script (the outsider's left out).
    let mut bought: BTreeMap<u32, Decimal> = BTreeMap::new();
    for (_, member, qty, price, _) in SALES {
        if let Some(m) = member {
            *bought.entry(*m).or_default() +=
                Decimal::from(*qty) * price.parse::<Decimal>().unwrap();
        }
    }
    let all: Decimal = bought.values().sum();

    let p = b.json(TODAY, &["yearend", "preview", "--year", "2568"]);
    let net = dec(&p["net_profit"]);
    assert!(net > Decimal::ZERO, "{p}");
    let pool = half_up(net * Decimal::from(20) / Decimal::from(100));
    assert_eq!(dec(&p["pools"]["purchase_return"]), pool);
    assert_eq!(dec(&p["total_purchases"]), all);
    let mut shared = Decimal::ZERO;
    for m in p["members"].as_array().unwrap() {
        let n = m["member"].as_u64().unwrap() as u32;
        let mine = bought.get(&n).copied().unwrap_or_default();
        assert_eq!(dec(&m["purchases"]), mine, "member {n}");
        let expected = half_up(pool * mine / all);
        assert_eq!(dec(&m["purchase_return"]), expected, "member {n}");
        assert_eq!(
            dec(&m["total"]),
            dec(&m["dividend"]) + dec(&m["average_return"]) + expected,
            "member {n}"
        );
        shared += expected;
    }
    // Member 4 bought nothing and gets nothing of it.
    let m4 = p["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["member"] == 4)
        .unwrap();
    assert_eq!(money(&m4["purchase_return"]), "0.00");
    // The shares and what rounding leaves make the pool exactly; the rest goes to the reserve.
    assert_eq!(dec(&p["purchase_return_paid_out"]), shared);
    assert_eq!(dec(&p["purchase_return_residual"]), pool - shared);
    let pools: Decimal = p["pools"].as_object().unwrap().values().map(dec).sum();
    assert_eq!(pools, net);
    let line = p["allocation"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["heading"] == "purchase_return")
        .unwrap();
    assert_eq!(line["percent"], "20");
    assert_eq!(line["label"], "เฉลี่ยคืนตามยอดซื้อ");

    // Closed: each member's share is credited to the purchase-return payable (2315).
    b.json(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting-date",
            "2026-01-15",
            "--approved-by",
            "2",
            "--prepared-by",
            "1",
        ],
    );
    assert_eq!(payable(&b, "year_close"), shared);

    // The dividend register prints the heading's column with what was shared.
    let pdf = b.path.with_extension("dividends.pdf");
    b.json(
        TODAY,
        &[
            "print",
            "dividends",
            "--year",
            "2568",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text: String = String::from_utf8(text.stdout)
        .unwrap()
        .split_whitespace()
        .collect();
    assert!(text.contains("เฉลี่ยคืนตามยอดซื้อ"), "{text}");
    let _ = std::fs::remove_file(&pdf);

    // Paid into savings: the payable is empty, the books sound.
    let paid = b.json(
        TODAY,
        &[
            "yearend",
            "pay",
            "--year",
            "2568",
            "--all",
            "--to",
            "savings",
            "--date",
            "2026-01-16",
        ],
    );
    let paid_pr: Decimal = paid["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| dec(&m["purchase_return"]))
        .sum();
    assert_eq!(paid_pr, shared);
    assert_eq!(payable(&b, ""), Decimal::ZERO);
    let v = b.json(TODAY, &["verify"]);
    assert_eq!(v["ok"], true, "{v}");
}
