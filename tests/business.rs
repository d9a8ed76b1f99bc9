//! The group's businesses through the `sajja` command line: a scripted year of a shop (buying
//! in from the business's cash and the bank, cash and credit sales, counts) checked against an
//! independent computation of average cost and of first-in-first-out, then the stock on hand,
//! the business's report, the group's balance sheet and `verify`; refusals that change
//! nothing; reversals; a tampered movement found by `verify`.

use std::collections::{BTreeMap, VecDeque};

use rust_decimal::{Decimal, RoundingStrategy};

use crate::util::{money, TempBooks};

const TODAY: &str = "2026-01-10";

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn satang(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A group with one member whose deposits put 200,000 baht in the cash box, and a shop
/// opened with 50,000 from it.
fn group_with_shop(b: &TempBooks) {
    b.json(
        TODAY,
        &["init", "--name", "กลุ่มทดสอบธุรกิจ", "--founded", "1/1/2568"],
    );
    for name in ["นายหนึ่ง ใจดี", "นางสอง ศรีสุข"] {
        b.json(
            TODAY,
            &[
                "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", "2",
            ],
        );
    }
    b.json(
        TODAY,
        &[
            "collect",
            "--date",
            "2/1/2568",
            "--member",
            "1",
            "--deposit",
            "200000",
        ],
    );
    b.json(
        TODAY,
        &["bank", "deposit", "--amount", "80000", "--date", "2/1/2568"],
    );
    let shop = b.json(
        TODAY,
        &[
            "business",
            "add",
            "--kind",
            "shop",
            "--name",
            "ร้านค้าชุมชน",
            "--capital",
            "50000",
            "--date",
            "3/1/2568",
            "--manager",
            "นางสอง ศรีสุข",
        ],
    );
    assert_eq!(shop["number"], 1);
    assert_eq!(money(&shop["capital"]), "50000.00");
    assert_eq!(money(&shop["cash"]), "50000.00");
    // The capital left the group's cash box for the shop's cash, in one balanced entry.
    let entry = b.json(TODAY, &["money", "--date", "3/1/2568"]);
    assert_eq!(money(&entry["cash"]), "70000.00", "{entry}");
    for (name, unit, price) in [
        ("ปุ๋ยสูตร 16-20-0", "กระสอบ", "950"),
        ("ข้าวสาร", "กิโลกรัม", "32.50"),
        ("น้ำปลา", "ขวด", "25"),
    ] {
        let item = b.json(
            TODAY,
            &[
                "item",
                "add",
                "--business",
                "ร้านค้าชุมชน",
                "--name",
                name,
                "--unit",
                unit,
                "--price",
                price,
            ],
        );
        assert_eq!(item["unit"], unit);
    }
}

/// One movement of the script.
enum Op {
    Buy {
        item: u32,
        qty: Decimal,
        cost: Decimal,
        bank: bool,
    },
    Sell {
        item: u32,
        qty: Decimal,
        price: Decimal,
        member: Option<(u32, bool)>,
    },
    Count {
        item: u32,
        qty: Decimal,
    },
}

/// A deterministic year of movements (a linear congruential generator, so the script is
/// the same every run): quantities with decimals for rice, sales never beyond what the
/// model holds, counts a little off now and then.
fn script() -> Vec<(String, Op)> {
    let mut seed: u64 = 2568;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut held: BTreeMap<u32, Decimal> = BTreeMap::new();
    let mut ops = Vec::new();
    for month in 1..=12u32 {
        for day in [4u32, 9, 14, 19, 24] {
            let date = format!("{day}/{month}/2568");
            let item = 1 + next(3) as u32;
            let have = held.entry(item).or_default();
            let kind = next(10);
            if *have < dec("5") || kind < 3 {
                let qty = if item == 2 {
                    Decimal::new(100 + next(4000) as i64, 1) // 10.0–409.9 kg
                } else {
                    Decimal::from(1 + next(30))
                };
                let unit = [dec("700"), dec("27.35"), dec("18.10")][item as usize - 1];
                let cost = satang(qty * unit * (dec("0.9") + Decimal::new(next(20) as i64, 2)));
                *have += qty;
                ops.push((
                    date,
                    Op::Buy {
                        item,
                        qty,
                        cost,
                        bank: next(4) == 0,
                    },
                ));
            } else if kind == 9 {
                let off = Decimal::from(next(3) as i64) - Decimal::ONE; // −1, 0 or +1
                let qty = (*have + off).max(Decimal::ZERO);
                *have = qty;
                ops.push((date, Op::Count { item, qty }));
            } else {
                let qty = if item == 2 {
                    (*have * Decimal::new(1 + next(60) as i64, 2))
                        .round_dp(1)
                        .max(dec("0.5"))
                } else {
                    Decimal::from(1 + next(have.trunc().to_string().parse::<u64>().unwrap()))
                };
                let qty = qty.min(*have);
                *have -= qty;
                let price = [dec("950"), dec("32.50"), dec("25")][item as usize - 1];
                let member = match next(3) {
                    0 => None,
                    1 => Some((1 + next(2) as u32, false)),
                    _ => Some((1 + next(2) as u32, true)),
                };
                ops.push((
                    date,
                    Op::Sell {
                        item,
                        qty,
                        price,
                        member,
                    },
                ));
            }
        }
    }
    ops
}

/// The model: lots per item (one lot under average cost), cost of each sale, the totals.
#[derive(Default)]
struct Model {
    lots: BTreeMap<u32, VecDeque<(Decimal, Decimal)>>,
    sales: Decimal,
    cogs: Decimal,
    count_difference: Decimal,
    cash: Decimal,
    credit: BTreeMap<u32, Decimal>,
}

impl Model {
    fn qty(&self, item: u32) -> Decimal {
        self.lots
            .get(&item)
            .map_or(Decimal::ZERO, |l| l.iter().map(|x| x.0).sum())
    }

    fn value(&self, item: u32) -> Decimal {
        self.lots
            .get(&item)
            .map_or(Decimal::ZERO, |l| l.iter().map(|x| x.1).sum())
    }

    fn put(&mut self, item: u32, qty: Decimal, value: Decimal, fifo: bool) {
        let lots = self.lots.entry(item).or_default();
        if !fifo && !lots.is_empty() {
            let (q, v) = lots
                .iter()
                .fold((qty, value), |a, l| (a.0 + l.0, a.1 + l.1));
            *lots = VecDeque::from([(q, v)]);
        } else {
            lots.push_back((qty, value));
        }
    }

    /// Average cost: (value ÷ quantity) × what leaves, to the satang; all of it when all
    /// leaves. FIFO: oldest lots first, a part of a lot at that lot's own unit cost.
    fn take(&mut self, item: u32, mut qty: Decimal, fifo: bool) -> Decimal {
        let lots = self.lots.entry(item).or_default();
        if !fifo && lots.len() > 1 {
            let (q, v) = lots.iter().fold((Decimal::ZERO, Decimal::ZERO), |a, l| {
                (a.0 + l.0, a.1 + l.1)
            });
            *lots = VecDeque::from([(q, v)]);
        }
        let mut cost = Decimal::ZERO;
        while qty > Decimal::ZERO {
            let lot = lots
                .front_mut()
                .expect("the script never sells what is not there");
            if lot.0 <= qty {
                qty -= lot.0;
                cost += lot.1;
                lots.pop_front();
            } else {
                let c = satang(lot.1 / lot.0 * qty);
                lot.0 -= qty;
                lot.1 -= c;
                cost += c;
                qty = Decimal::ZERO;
            }
        }
        cost
    }
}

/// Runs the script through the command line, checking each movement's cost against the
/// model as it goes; `fifo_from` switches the group to first-in-first-out from that month.
fn run_year(b: &TempBooks, fifo_from: Option<u32>) -> Model {
    let mut m = Model {
        cash: dec("50000"),
        ..Model::default()
    };
    for (date, op) in script() {
        let month: u32 = date.split('/').nth(1).unwrap().parse().unwrap();
        let fifo = fifo_from.is_some_and(|f| month >= f);
        match op {
            Op::Buy {
                item,
                qty,
                cost,
                bank,
            } => {
                let (q, c) = (qty.to_string(), cost.to_string());
                let i = item.to_string();
                let mut args = vec![
                    "stock",
                    "buy",
                    "--business",
                    "1",
                    "--item",
                    &i,
                    "--qty",
                    &q,
                    "--cost",
                    &c,
                    "--date",
                    &date,
                    "--supplier",
                    "สหกรณ์การเกษตร",
                ];
                if bank || m.cash < cost {
                    args.extend(["--from", "bank"]);
                } else {
                    m.cash -= cost;
                }
                let r = b.json(TODAY, &args);
                m.put(item, qty, cost, fifo);
                assert_eq!(dec(&money(&r["cost"])), cost);
            }
            Op::Sell {
                item,
                qty,
                price,
                member,
            } => {
                let (q, p, i) = (qty.to_string(), price.to_string(), item.to_string());
                let n = member.map(|(n, _)| n.to_string()).unwrap_or_default();
                let mut args = vec![
                    "stock",
                    "sell",
                    "--business",
                    "1",
                    "--item",
                    &i,
                    "--qty",
                    &q,
                    "--price",
                    &p,
                    "--date",
                    &date,
                ];
                if member.is_some() {
                    args.extend(["--member", &n]);
                }
                if member.is_some_and(|(_, credit)| credit) {
                    args.push("--credit");
                }
                let r = b.json(TODAY, &args);
                let amount = satang(qty * price);
                let cost = m.take(item, qty, fifo);
                assert_eq!(dec(&money(&r["amount"])), amount, "{date} {r}");
                assert_eq!(
                    dec(&money(&r["cost"])),
                    cost,
                    "{date}: cost of goods sold {r}"
                );
                m.sales += amount;
                m.cogs += cost;
                match member {
                    Some((n, true)) => *m.credit.entry(n).or_default() += amount,
                    _ => m.cash += amount,
                }
            }
            Op::Count { item, qty } => {
                let (q, i) = (qty.to_string(), item.to_string());
                let r = b.json(
                    TODAY,
                    &[
                        "stock",
                        "count",
                        "--business",
                        "1",
                        "--item",
                        &i,
                        "--qty",
                        &q,
                        "--date",
                        &date,
                    ],
                );
                let diff = qty - m.qty(item);
                if diff < Decimal::ZERO {
                    let cost = m.take(item, -diff, fifo);
                    m.count_difference += cost;
                } else if diff > Decimal::ZERO {
                    let lots = &m.lots[&item];
                    let newest = lots.back().unwrap();
                    let value = satang(newest.1 * diff / newest.0);
                    m.put(item, diff, value, fifo);
                    m.count_difference -= value;
                }
                assert_eq!(dec(r["qty_after"].as_str().unwrap()), m.qty(item));
            }
        }
    }
    m
}

fn check_year_end(b: &TempBooks, m: &Model) {
    let stock = b.json(
        TODAY,
        &["stock", "show", "--business", "1", "--date", "31/12/2568"],
    );
    let mut total = Decimal::ZERO;
    for line in stock["items"].as_array().unwrap() {
        let item = line["item"].as_u64().unwrap() as u32;
        let qty = dec(line["qty"].as_str().unwrap());
        let value = dec(&money(&line["value"]));
        let average = dec(&money(&line["average_cost"]));
        assert_eq!(qty, m.qty(item), "item {item}");
        assert_eq!(value, m.value(item), "item {item}");
        // Stock value = quantity × average cost (the average shown to the satang).
        assert!(
            (qty * average - value).abs() <= qty * dec("0.005") + dec("0.01"),
            "{line}"
        );
        total += value;
    }
    assert_eq!(dec(&money(&stock["total_value"])), total);
    assert_eq!(dec(&money(&stock["cash"])), m.cash);

    let r = b.json(
        TODAY,
        &["report", "business", "--business", "1", "--year", "2568"],
    );
    assert_eq!(dec(&money(&r["sales"])), m.sales);
    assert_eq!(dec(&money(&r["cost_of_goods_sold"])), m.cogs);
    assert_eq!(dec(&money(&r["expenses"])), m.count_difference);
    assert_eq!(
        dec(&money(&r["profit"])),
        m.sales - m.cogs - m.count_difference
    );
    let monthly: Decimal = r["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| dec(&money(&x["profit"])))
        .sum();
    assert_eq!(monthly, m.sales - m.cogs - m.count_difference);
    let owed: Decimal = m.credit.values().sum();
    assert_eq!(dec(&money(&r["receivables"])), owed);

    // The group's balance sheet holds the stock at Σ quantity × average cost, the shop's
    // cash and the members' debts; its profit is the operating capital's income.
    let bs = b.json(TODAY, &["report", "balance-sheet", "--year", "2568"]);
    let line = |code: &str| {
        bs["assets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["code"] == code)
            .map_or(Decimal::ZERO, |l| dec(&money(&l["amount"])))
    };
    assert_eq!(line("1300"), total);
    assert_eq!(line("1120"), m.cash);
    assert_eq!(line("1230"), owed);
    assert_eq!(bs["balanced"], true);
    let is = b.json(TODAY, &["report", "income-statement", "--year", "2568"]);
    let text = is.to_string();
    assert!(text.contains("4500") && text.contains("5500"), "{text}");

    let v = b.json(TODAY, &["verify"]);
    assert_eq!(v["ok"], true, "{v}");
}

#[test]
fn a_scripted_year_of_a_shop_agrees_with_an_independent_average_cost() {
    let b = TempBooks::new();
    group_with_shop(&b);
    let m = run_year(&b, None);
    assert!(m.cogs > Decimal::ZERO && m.count_difference != Decimal::ZERO);
    check_year_end(&b, &m);
}

#[test]
fn first_in_first_out_from_a_date_agrees_with_an_independent_computation() {
    let b = TempBooks::new();
    group_with_shop(&b);
    b.json(
        TODAY,
        &[
            "settings",
            "set",
            "stock_costing",
            "fifo",
            "--from",
            "1/7/2568",
        ],
    );
    let m = run_year(&b, Some(7));
    check_year_end(&b, &m);
}

#[test]
fn refusals_change_nothing_and_say_why_in_thai() {
    let b = TempBooks::new();
    group_with_shop(&b);
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
            "3",
            "--cost",
            "2100",
            "--date",
            "10/1/2568",
        ],
    );
    let before = b.dump();
    let cases: &[&[&str]] = &[
        // More than on hand: quantities never go negative.
        &[
            "stock",
            "sell",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            "4",
            "--date",
            "11/1/2568",
        ],
        // Dated before the business's latest movement.
        &[
            "stock",
            "sell",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            "1",
            "--date",
            "9/1/2568",
        ],
        // Credit only to a member.
        &[
            "stock",
            "sell",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            "1",
            "--date",
            "11/1/2568",
            "--credit",
        ],
        // More than the shop's cash.
        &[
            "stock",
            "buy",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            "100",
            "--cost",
            "70000",
            "--date",
            "11/1/2568",
        ],
        &[
            "stock",
            "buy",
            "--business",
            "9",
            "--item",
            "1",
            "--qty",
            "1",
            "--cost",
            "1",
            "--date",
            "11/1/2568",
        ],
        &[
            "stock",
            "buy",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            "-1",
            "--cost",
            "1",
            "--date",
            "11/1/2568",
        ],
        &[
            "stock",
            "buy",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            "1.0005",
            "--cost",
            "1",
            "--date",
            "11/1/2568",
        ],
        &[
            "business",
            "add",
            "--kind",
            "bakery",
            "--name",
            "x",
            "--capital",
            "1",
            "--date",
            "11/1/2568",
        ],
        &[
            "business",
            "add",
            "--kind",
            "shop",
            "--name",
            "ร้านค้าชุมชน",
            "--capital",
            "1",
            "--date",
            "11/1/2568",
        ],
        // More capital than the group's cash.
        &[
            "business",
            "add",
            "--kind",
            "granary",
            "--name",
            "ธนาคารข้าว",
            "--capital",
            "900000",
            "--date",
            "11/1/2568",
        ],
        &[
            "item",
            "add",
            "--business",
            "1",
            "--name",
            "ปุ๋ยสูตร 16-20-0",
            "--unit",
            "ถุง",
        ],
    ];
    for args in cases {
        let message = b.refused(TODAY, args);
        assert!(!message.contains("panicked"), "{args:?}: {message}");
        assert_eq!(b.dump(), before, "{args:?} changed the books");
    }
    let e = b.refused(TODAY, cases[0]);
    assert!(e.contains("คงเหลือ 3") && e.contains("ติดลบ"), "{e}");
}

#[test]
fn only_an_items_latest_movement_is_reversed_and_the_goods_come_back() {
    let b = TempBooks::new();
    group_with_shop(&b);
    let sell = |qty: &str, date: &str| {
        b.json(
            TODAY,
            &[
                "stock",
                "sell",
                "--business",
                "1",
                "--item",
                "1",
                "--qty",
                qty,
                "--date",
                date,
                "--member",
                "2",
                "--credit",
            ],
        )
    };
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
            "10",
            "--cost",
            "7000",
            "--date",
            "10/1/2568",
        ],
    );
    let first = sell("2", "11/1/2568");
    let second = sell("3", "12/1/2568");
    let e = b.refused(
        TODAY,
        &[
            "reverse",
            "--entry",
            first["entry"].as_str().unwrap(),
            "--reason",
            "ขายผิดคน",
            "--date",
            "12/1/2568",
        ],
    );
    assert!(e.contains("ล่าสุด"), "{e}");
    b.json(
        TODAY,
        &[
            "reverse",
            "--entry",
            second["entry"].as_str().unwrap(),
            "--reason",
            "ขายผิดคน",
            "--date",
            "12/1/2568",
        ],
    );
    let stock = b.json(
        TODAY,
        &["stock", "show", "--business", "1", "--date", "12/1/2568"],
    );
    assert_eq!(stock["items"][0]["qty"], "8");
    assert_eq!(money(&stock["items"][0]["value"]), "5600.00");
    let due = b.json(TODAY, &["due", "--date", "12/1/2568", "--member", "2"]);
    assert!(due.to_string().contains("1900.00"), "{due}");
    let v = b.json(TODAY, &["verify"]);
    assert_eq!(v["ok"], true, "{v}");
}

#[test]
fn verify_finds_a_movement_edited_behind_the_books() {
    let b = TempBooks::new();
    group_with_shop(&b);
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
            "10",
            "--cost",
            "7000",
            "--date",
            "10/1/2568",
        ],
    );
    b.json(
        TODAY,
        &[
            "stock",
            "sell",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            "4",
            "--date",
            "11/1/2568",
        ],
    );
    let conn = rusqlite::Connection::open(&b.path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER stock_move_no_update;
         UPDATE stock_move SET qty_after = 9, value = -1 WHERE kind = 'sell';",
    )
    .unwrap();
    drop(conn);
    let run = b.sajja(TODAY, &["verify", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["ok"], false);
    let problems = v["problems"].to_string();
    assert!(
        problems.contains("ต้นทุน") && problems.contains("ยอดคงเหลือที่เก็บไว้"),
        "{problems}"
    );
}

#[test]
fn a_credit_sale_is_due_on_collection_day_late_after_the_late_day_and_paid_in_the_row() {
    let b = TempBooks::new();
    group_with_shop(&b);
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
            "10",
            "--cost",
            "7000",
            "--date",
            "10/1/2568",
        ],
    );
    // Sold on 20 January: due on the February collection day (5th), late after the 10th.
    b.json(
        TODAY,
        &[
            "stock",
            "sell",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            "2",
            "--date",
            "20/1/2568",
            "--member",
            "2",
            "--credit",
        ],
    );
    let row = |date: &str| {
        let due = b.json(TODAY, &["due", "--date", date, "--member", "2"]);
        due["members"][0].clone()
    };
    let feb5 = row("5/2/2568");
    assert_eq!(money(&feb5["goods"]), "1900.00");
    assert!(feb5["goods_late_since"].is_null(), "{feb5}");
    let total_without = dec(&money(&feb5["total"])) - dec("1900");
    assert_eq!(
        dec(&money(&feb5["sajja"])) + dec(&money(&feb5["fines"])) + dec(&money(&feb5["fee"])),
        total_without
    );
    let feb11 = row("11/2/2568");
    assert_eq!(feb11["goods_late_since"], "2025-02-10", "{feb11}");

    // Paying more than is owed is refused; paying part leaves the rest owed.
    let e = b.refused(
        TODAY,
        &[
            "collect",
            "--date",
            "11/2/2568",
            "--member",
            "2",
            "--goods",
            "2000",
        ],
    );
    assert!(e.contains("ค่าสินค้า"), "{e}");
    let r = b.json(
        TODAY,
        &[
            "collect",
            "--date",
            "11/2/2568",
            "--member",
            "2",
            "--goods",
            "1000",
        ],
    );
    assert_eq!(money(&r["goods"]), "1000.00");
    assert_eq!(money(&r["balances"]["goods"]), "900.00");
    assert_eq!(money(&row("12/2/2568")["goods"]), "900.00");
    b.json(
        TODAY,
        &[
            "collect", "--date", "5/3/2568", "--member", "2", "--goods", "900",
        ],
    );
    let mar = row("5/3/2568");
    assert_eq!(money(&mar["goods"]), "0.00");
    assert!(mar["goods_late_since"].is_null());
    // The member's statement of February: bought in January, 1,000 paid, 900 owed.
    let books = sajja_core::Books::open(&b.path).unwrap();
    let of_member_2 = |month: &str| {
        books
            .statements(month)
            .unwrap()
            .into_iter()
            .find(|s| s.member == 2)
            .unwrap()
    };
    let feb = [of_member_2("2568-02")];
    assert_eq!(feb[0].goods_bought, sajja_core::Money::ZERO);
    assert_eq!(feb[0].goods_paid.to_string(), "1000.00");
    assert_eq!(feb[0].goods_owed.to_string(), "900.00");
    let jan = [of_member_2("2568-01")];
    assert_eq!(jan[0].goods_bought.to_string(), "1900.00");
    drop(books);
    let v = b.json(TODAY, &["verify"]);
    assert_eq!(v["ok"], true, "{v}");
}

/// The rice bank's interest in kind, computed straight from the rule: at the start of each
/// season (the first on the day of lending, the next the day after each season of
/// `season` months ends) the rice still owed is charged `rate` kg per 100 kg; a repayment
/// pays interest first, then the rice lent. Returns (rice owed, interest owed) on `date`.
fn rice_model(
    kg: Decimal,
    lent: chrono::NaiveDate,
    repaid: &[(chrono::NaiveDate, Decimal)],
    date: chrono::NaiveDate,
    rate: Decimal,
    season: u32,
) -> (Decimal, Decimal) {
    let end = |k: u32| {
        lent.checked_add_months(chrono::Months::new(season * k))
            .unwrap()
    };
    let kg3 = |d: Decimal| d.round_dp_with_strategy(3, RoundingStrategy::MidpointAwayFromZero);
    let (mut principal, mut interest) = (kg, Decimal::ZERO);
    let mut events: Vec<(chrono::NaiveDate, Option<Decimal>)> = repaid
        .iter()
        .filter(|r| r.0 <= date)
        .map(|r| (r.0, Some(r.1)))
        .collect();
    // Season k + 1 begins the day after season k ends, charged on what is owed at that end.
    let mut k = 1;
    while end(k) < date {
        events.push((end(k) + chrono::Days::new(1), None));
        k += 1;
    }
    events.sort_by_key(|e| (e.0, e.1.is_none()));
    interest += kg3(principal * rate / dec("100"));
    for (_, paid) in events {
        match paid {
            Some(mut p) => {
                let i = p.min(interest);
                interest -= i;
                p -= i;
                principal -= p;
            }
            None if principal > Decimal::ZERO => interest += kg3(principal * rate / dec("100")),
            None => {}
        }
    }
    (principal, interest)
}

#[test]
fn the_rice_bank_charges_interest_in_kind_per_season_and_its_loans_age() {
    let b = TempBooks::new();
    group_with_shop(&b);
    b.json(
        TODAY,
        &["settings", "set", "rice_price", "15", "--from", "1/1/2568"],
    );
    b.json(
        TODAY,
        &[
            "business",
            "add",
            "--kind",
            "granary",
            "--name",
            "ธนาคารข้าวบ้านหนองแวง",
            "--capital",
            "60000",
            "--date",
            "3/1/2568",
        ],
    );
    b.json(
        TODAY,
        &[
            "item",
            "add",
            "--business",
            "2",
            "--name",
            "ข้าวเปลือก",
            "--unit",
            "กิโลกรัม",
        ],
    );
    b.json(
        TODAY,
        &[
            "stock",
            "buy",
            "--business",
            "2",
            "--item",
            "1",
            "--qty",
            "5000",
            "--cost",
            "60000",
            "--date",
            "4/1/2568",
        ],
    );
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let lend = |m: &str, kg: &str, date: &str| {
        b.json(
            TODAY,
            &[
                "rice",
                "lend",
                "--business",
                "2",
                "--member",
                m,
                "--kg",
                kg,
                "--date",
                date,
            ],
        )
    };
    let repay = |m: &str, kg: &str, date: &str| {
        b.json(
            TODAY,
            &[
                "rice",
                "repay",
                "--business",
                "2",
                "--member",
                m,
                "--kg",
                kg,
                "--date",
                date,
            ],
        )
    };
    let l1 = lend("1", "100", "1/5/2568");
    assert_eq!(money(&l1["value"]), "1200.00"); // at cost: 12 baht a kilogram
    lend("2", "250.5", "1/5/2568");
    // Member 2 repays part in the first season, the rest after the second began.
    let r2 = repay("2", "100", "1/9/2568");
    assert_eq!(r2["interest_kg"], "25.05");
    // Member 1 repays within the season: 10 kg interest, then the 100 kg.
    let r1 = repay("1", "110", "15/10/2568");
    assert_eq!(
        (r1["interest_kg"].as_str(), r1["principal_kg"].as_str()),
        (Some("10"), Some("100"))
    );
    assert_eq!(money(&r1["interest_value"]), "150.00");
    let rate = dec("10");
    let repaid2 = [(d("2025-09-01"), dec("100"))];
    for (date, bucket) in [
        ("2025-10-31", None),
        ("2025-11-01", None),
        ("2025-11-02", Some("1")),
        ("2026-01-05", Some("2-3")),
    ] {
        let show = b.json(TODAY, &["rice", "show", "--business", "2", "--date", date]);
        let loan = show["loans"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["member"] == 2)
            .unwrap()
            .clone();
        let (p, i) = rice_model(dec("250.5"), d("2025-05-01"), &repaid2, d(date), rate, 6);
        assert_eq!(
            dec(loan["principal_kg"].as_str().unwrap()),
            p,
            "{date} {loan}"
        );
        assert_eq!(
            dec(loan["interest_kg"].as_str().unwrap()),
            i,
            "{date} {loan}"
        );
        assert_eq!(loan["bucket"].as_str(), bucket, "{date} {loan}");
        assert_eq!(loan["in_arrears"], bucket.is_some());
    }
    let (p, i) = rice_model(
        dec("250.5"),
        d("2025-05-01"),
        &repaid2,
        d("2025-12-15"),
        rate,
        6,
    );
    assert_eq!((p, i), (dec("175.55"), dec("17.555")));
    let owed = (p + i).to_string();
    let e = b.refused(
        TODAY,
        &[
            "rice",
            "repay",
            "--business",
            "2",
            "--member",
            "2",
            "--kg",
            "200",
            "--date",
            "15/12/2568",
        ],
    );
    assert!(e.contains("เกินยอดค้าง"), "{e}");
    let last = repay("2", &owed, "15/12/2568");
    assert_eq!(dec(last["interest_kg"].as_str().unwrap()), i);
    let e = b.refused(
        TODAY,
        &[
            "rice",
            "lend",
            "--business",
            "2",
            "--member",
            "1",
            "--kg",
            "9000",
            "--date",
            "16/12/2568",
        ],
    );
    assert!(e.contains("ยุ้งฉาง"), "{e}");

    // Everything back: the granary holds what it bought plus the interest in kind.
    let show = b.json(
        TODAY,
        &["rice", "show", "--business", "2", "--date", "31/12/2568"],
    );
    assert_eq!(show["loans"].as_array().unwrap().len(), 0);
    let interest_kg = dec("10") + dec("25.05") + i;
    assert_eq!(
        dec(show["stock_kg"].as_str().unwrap()),
        dec("5000") + interest_kg
    );
    assert_eq!(
        dec(&money(&show["stock_value_at_price"])),
        satang((dec("5000") + interest_kg) * dec("15"))
    );
    let report = b.json(
        TODAY,
        &["report", "business", "--business", "2", "--year", "2568"],
    );
    assert_eq!(
        dec(&money(&report["other_income"])),
        satang(dec("10") * dec("15")) + satang(dec("25.05") * dec("15")) + satang(i * dec("15"))
    );
    assert_eq!(report["profit"], report["other_income"]);
    let bs = b.json(TODAY, &["report", "balance-sheet", "--year", "2568"]);
    assert!(
        !bs["assets"].to_string().contains("\"1240\"")
            || bs["assets"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["code"] == "1240" && l["amount"] == "0.00"),
        "{bs}"
    );
    let v = b.json(TODAY, &["verify"]);
    assert_eq!(v["ok"], true, "{v}");
}

/// `pdftotext -layout` of a file (poppler-utils).
fn pdftotext(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not be run ({e}): install poppler-utils"));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_business_report_prints_with_the_engine_and_the_fund_report_shows_the_shop() {
    let b = TempBooks::new();
    group_with_shop(&b);
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
            "10",
            "--cost",
            "7000",
            "--date",
            "10/1/2568",
        ],
    );
    b.json(
        TODAY,
        &[
            "stock",
            "sell",
            "--business",
            "1",
            "--item",
            "1",
            "--qty",
            "3",
            "--date",
            "11/1/2568",
            "--member",
            "2",
            "--credit",
        ],
    );
    let report = b.json(
        TODAY,
        &["report", "business", "--business", "1", "--year", "2568"],
    );
    assert_eq!(money(&report["sales"]), "2850.00");
    assert_eq!(money(&report["cost_of_goods_sold"]), "2100.00");
    assert_eq!(money(&report["profit"]), "750.00");
    assert_eq!(report["members"][0]["member"], 2);
    assert_eq!(money(&report["members"][0]["purchases"]), "2850.00");

    let pdf = b.dir.path().join("shop.pdf");
    let printed = b.json(
        TODAY,
        &[
            "print",
            "business",
            "--business",
            "1",
            "--year",
            "2568",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(printed["pages"].as_u64().unwrap() >= 1, "{printed}");
    let text = pdftotext(&pdf);
    for expected in [
        "งบกำไรขาดทุนของธุรกิจกลุ่ม",
        "ร้านค้าชุมชน",
        "2,850.00",
        "2,100.00",
        "750.00",
        "ปุ๋ยสูตร 16-20-0",
        "นางสอง ศรีสุข",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let fund = b.dir.path().join("fund.pdf");
    b.json(
        TODAY,
        &[
            "print",
            "fund-report",
            "--month",
            "2568-01",
            "--out",
            fund.to_str().unwrap(),
        ],
    );
    let text = pdftotext(&fund);
    assert!(
        text.contains("ธุรกิจของกลุ่ม") && text.contains("ร้านค้าชุมชน") && text.contains("750.00"),
        "{text}"
    );
}

/// Late credit instalments, straight from the rule: every credit sale is a lot in a queue;
/// payments empty the oldest lots first. A sale on day d of a month is due on that month's
/// collection day (5th) when d ≤ 5, else next month's, and is late after the 10th of the
/// month it is due. At the end of a late day, an instalment (the sales due on one collection
/// day) with any lot not emptied is late, and is fined once, by the fine in force that day;
/// the fine is charged by the member's next collection row.
struct CreditModel {
    lots: VecDeque<(Decimal, (u32, u32))>,
    late: Vec<((u32, u32), u32, u32)>,
    fined: Vec<(u32, u32)>,
}

impl CreditModel {
    fn due_of(day: u32, month: u32) -> (u32, u32) {
        if day <= 5 {
            (month, 5)
        } else {
            (month + 1, 5)
        }
    }

    /// Lateness is settled at the end of each late day up to `(month, day)` (exclusive).
    fn settle_until(&mut self, month: u32, day: u32, fine_on: impl Fn(u32) -> Decimal) {
        let due_months: Vec<u32> = self.lots.iter().map(|l| l.1 .0).collect();
        for m in due_months {
            let late_passed = (m, 10) < (month, day);
            let open = self.lots.iter().any(|l| l.1 .0 == m && l.0 > Decimal::ZERO);
            if late_passed
                && open
                && !self.late.iter().any(|l| l.0 .0 == m)
                && fine_on(m) > Decimal::ZERO
            {
                self.late.push(((m, 5), m, 10));
            }
        }
    }
}

#[test]
fn late_credit_instalments_are_fined_once_by_the_dated_rule_like_a_late_instalment() {
    let b = TempBooks::new();
    group_with_shop(&b);
    for (key, value, from) in [
        ("fine_per_month", "0", "1/1/2568"),
        ("goods_late_fine", "30", "1/1/2568"),
        ("goods_late_fine", "50", "1/6/2568"),
    ] {
        b.json(TODAY, &["settings", "set", key, value, "--from", from]);
    }
    let fine_on = |month: u32| {
        if month >= 6 {
            dec("50")
        } else {
            dec("30")
        }
    };
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
            "60",
            "--cost",
            "42000",
            "--date",
            "4/1/2568",
        ],
    );
    let mut seed: u64 = 16;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut model = CreditModel {
        lots: VecDeque::new(),
        late: Vec::new(),
        fined: Vec::new(),
    };
    let mut charged_total = Decimal::ZERO;
    let mut model_total = Decimal::ZERO;
    for month in 1..=10u32 {
        let mut days: Vec<u32> = (0..3).map(|_| 5 + next(23) as u32).collect();
        days.sort();
        days.dedup();
        for day in days {
            let date = format!("{day}/{month}/2568");
            model.settle_until(month, day, fine_on);
            if next(3) == 0 {
                // A payment: everything owed, part of it, or (now and then) nothing but savings.
                let owed: Decimal = model.lots.iter().map(|l| l.0).sum();
                let pay = match next(3) {
                    0 => owed,
                    1 => (owed / dec("2")).round_dp(2),
                    _ => Decimal::ZERO,
                };
                let r = b.json(
                    TODAY,
                    &[
                        "collect",
                        "--date",
                        &date,
                        "--member",
                        "2",
                        "--goods",
                        &pay.to_string(),
                        "--other",
                        "1",
                    ],
                );
                // The model's fines: late instalments not fined yet, charged by this row.
                let mut expected = Decimal::ZERO;
                for (due, late_month, _) in model.late.clone() {
                    if !model.fined.contains(&due) {
                        model.fined.push(due);
                        expected += fine_on(late_month);
                    }
                }
                assert_eq!(
                    dec(&money(&r["fines_charged"])),
                    expected,
                    "row of {date}: {r}"
                );
                charged_total += expected;
                model_total += expected;
                let mut left = pay;
                for lot in model.lots.iter_mut() {
                    let take = left.min(lot.0);
                    lot.0 -= take;
                    left -= take;
                }
                model.lots.retain(|l| l.0 > Decimal::ZERO);
            } else {
                let qty = 1 + next(2);
                b.json(
                    TODAY,
                    &[
                        "stock",
                        "sell",
                        "--business",
                        "1",
                        "--item",
                        "1",
                        "--qty",
                        &qty.to_string(),
                        "--date",
                        &date,
                        "--member",
                        "2",
                        "--credit",
                    ],
                );
                model.lots.push_back((
                    dec("950") * Decimal::from(qty),
                    CreditModel::due_of(day, month),
                ));
            }
        }
    }
    assert!(
        model.fined.len() >= 2,
        "the script fines more than one instalment: {:?}",
        model.fined
    );
    assert!(
        model.fined.iter().any(|d| d.0 >= 6),
        "and one after the rule changed"
    );
    // On the due list: fines pending for instalments late since the last row, and the fines
    // charged and not paid.
    model.settle_until(12, 1, fine_on);
    let pending: Decimal = model
        .late
        .iter()
        .filter(|l| !model.fined.contains(&l.0))
        .map(|l| fine_on(l.1))
        .sum();
    let due = b.json(TODAY, &["due", "--date", "1/12/2568", "--member", "2"]);
    assert_eq!(
        dec(&money(&due["members"][0]["fines"])),
        charged_total + pending,
        "{due}"
    );
    // Fines are the group's fine income (operating capital), paid in the row's ค่าปรับ.
    let r = b.json(
        TODAY,
        &[
            "collect",
            "--date",
            "1/12/2568",
            "--member",
            "2",
            "--fine",
            &(charged_total + pending).to_string(),
        ],
    );
    assert_eq!(dec(&money(&r["fines_charged"])), pending);
    assert_eq!(money(&r["balances"]["fines_owed"]), "0.00", "{r}");
    assert_eq!(model_total + pending, charged_total + pending);
    let v = b.json(TODAY, &["verify"]);
    assert_eq!(v["ok"], true, "{v}");
}

/// Rice into the granary in kind, against a computation straight from the rule: a donation
/// and a member's deposit enter at the committee's price; rice lent and a deposit taken back
/// leave at the average cost of what is in the granary then; the deposit taken back releases
/// its share of the deposit's value, the difference being a stock difference; the member is
/// owed back exactly the kilograms deposited less those taken back.
#[test]
fn rice_donated_and_deposited_in_kind_and_a_deposit_taken_back() {
    let b = TempBooks::new();
    group_with_shop(&b);
    b.json(
        TODAY,
        &["settings", "set", "rice_price", "15", "--from", "1/1/2568"],
    );
    b.json(
        TODAY,
        &[
            "business",
            "add",
            "--kind",
            "granary",
            "--name",
            "ธนาคารข้าว",
            "--capital",
            "20000",
            "--date",
            "3/1/2568",
        ],
    );
    b.json(
        TODAY,
        &[
            "item",
            "add",
            "--business",
            "2",
            "--name",
            "ข้าวเปลือก",
            "--unit",
            "กิโลกรัม",
        ],
    );
    b.json(
        TODAY,
        &[
            "stock",
            "buy",
            "--business",
            "2",
            "--item",
            "1",
            "--qty",
            "1000",
            "--cost",
            "12000",
            "--date",
            "4/1/2568",
        ],
    );
    // The model: (kg, value) in the granary, average cost.
    let price = dec("15");
    let (mut kg, mut value) = (dec("1000"), dec("12000"));
    let donated = b.json(
        TODAY,
        &[
            "rice",
            "receive",
            "--business",
            "2",
            "--donation",
            "--from",
            "วัดบ้านหนองบัว",
            "--kg",
            "200",
            "--date",
            "5/1/2568",
        ],
    );
    kg += dec("200");
    value += price * dec("200");
    assert_eq!(money(&donated["value"]), "3000.00", "{donated}");
    let deposited = b.json(
        TODAY,
        &[
            "rice",
            "receive",
            "--business",
            "2",
            "--deposit",
            "--member",
            "1",
            "--kg",
            "300",
            "--date",
            "6/1/2568",
        ],
    );
    kg += dec("300");
    value += price * dec("300");
    let (mut held_kg, mut held_value) = (dec("300"), price * dec("300"));
    assert_eq!(deposited["deposit_kg"], "300", "{deposited}");
    // Rice lent leaves at the average cost.
    let lent = b.json(
        TODAY,
        &[
            "rice",
            "lend",
            "--business",
            "2",
            "--member",
            "2",
            "--kg",
            "500",
            "--date",
            "7/1/2568",
        ],
    );
    let lent_cost = satang(value * dec("500") / kg);
    assert_eq!(dec(&money(&lent["value"])), lent_cost);
    value -= lent_cost;
    kg -= dec("500");
    // More than was deposited is refused, and changes nothing.
    let e = b.refused(
        TODAY,
        &[
            "rice",
            "receive",
            "--business",
            "2",
            "--withdraw",
            "--member",
            "1",
            "--kg",
            "301",
            "--date",
            "8/1/2568",
        ],
    );
    assert!(e.contains("ฝากข้าวไว้ 300 กิโลกรัม"), "{e}");
    let taken = b.json(
        TODAY,
        &[
            "rice",
            "receive",
            "--business",
            "2",
            "--withdraw",
            "--member",
            "1",
            "--kg",
            "100",
            "--date",
            "8/1/2568",
        ],
    );
    let cost = satang(value * dec("100") / kg);
    assert_eq!(dec(&money(&taken["value"])), cost, "{taken}");
    value -= cost;
    kg -= dec("100");
    let released = satang(held_value * dec("100") / held_kg);
    held_kg -= dec("100");
    held_value -= released;
    assert_eq!(taken["deposit_kg"], "200");
    let show = b.json(
        TODAY,
        &["rice", "show", "--business", "2", "--date", "8/1/2568"],
    );
    assert_eq!(dec(show["stock_kg"].as_str().unwrap()), kg, "{show}");
    assert_eq!(dec(&money(&show["stock_value"])), value, "{show}");
    assert_eq!(show["deposit_kg"], "200");
    assert_eq!(show["deposits"][0]["member"], 1);
    assert_eq!(dec(&money(&show["deposits"][0]["value"])), held_value);
    assert_eq!(dec(show["deposits"][0]["kg"].as_str().unwrap()), held_kg);
    // The stock difference of the deposit taken back: booked at 15, handed back at cost.
    let report = b.json(
        TODAY,
        &["report", "business", "--business", "2", "--year", "2568"],
    );
    assert_eq!(
        dec(&money(&report["expenses"])),
        cost - released,
        "{report}"
    );
    // Rice the granary does not hold can be neither lent nor handed back: 900 kg are in it.
    fn rice<'a>(how: &[&'a str], kg: &'a str) -> Vec<&'a str> {
        let mut args = vec!["rice"];
        args.extend_from_slice(how);
        args.extend([
            "--business",
            "2",
            "--member",
            "1",
            "--kg",
            kg,
            "--date",
            "9/1/2568",
        ]);
        args
    }
    let before = b.dump();
    let e = b.refused(TODAY, &rice(&["lend"], "900.5"));
    assert!(
        e.contains("ข้าวในยุ้งฉางมี 900 กิโลกรัม ให้ยืม 900.5 กิโลกรัมไม่ได้"),
        "{e}"
    );
    assert_eq!(before, b.dump(), "a refused loan of rice changed the file");
    b.json(TODAY, &rice(&["lend"], "750"));
    let before = b.dump();
    let e = b.refused(TODAY, &rice(&["receive", "--withdraw"], "200"));
    assert!(
        e.contains("ข้าวในยุ้งฉางมี 150 กิโลกรัม คืนข้าวฝาก 200 กิโลกรัมไม่ได้ตอนนี้"),
        "{e}"
    );
    assert_eq!(before, b.dump(), "a refused withdrawal changed the file");
    let v = b.json(TODAY, &["verify"]);
    assert_eq!(v["ok"], true, "{v}");
}
