//! The group's last months as pictures for the meeting (the home screen and the monthly fund
//! report): at each month end, pledged savings and deposits, loans outstanding, loans in
//! arrears (the arrears list of that day), cash and bank.
//!
//! [`Trend`] holds the figures; [`charts`] turns them into four bar charts whose geometry is
//! fractions of the plot (bar heights in thousandths, computed in integer satang: no float
//! touches money); [`svg`] draws one as SVG for the app and the fund report draws the same
//! geometry as PDF vector graphics.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::account::{BANK, CASH, DEPOSITS, LOANS, SAJJA};
use crate::error::Result;
use crate::ledger;
use crate::money::Money;
use crate::thai::{self, Digits, YearMonth};

/// Months a trend covers by default: two years.
pub const MONTHS: usize = 24;

/// One month end.
#[derive(Clone, Debug, Serialize)]
pub struct TrendMonth {
    /// `2568-03`.
    pub month: String,
    /// `มี.ค. 68`.
    pub label: String,
    /// The day the figures are taken: the month end, or today in the current month.
    pub date: NaiveDate,
    pub sajja: Money,
    pub deposits: Money,
    pub loans: Money,
    pub arrears: Money,
    pub cash: Money,
    pub bank: Money,
}

/// Up to [`MONTHS`] month ends, oldest first, never before the group's founding.
#[derive(Clone, Debug, Serialize)]
pub struct Trend {
    pub months: Vec<TrendMonth>,
}

/// The trend of the `count` months ending with `last`.
///
/// # Errors
/// Database errors.
pub fn trend(conn: &Connection, last: YearMonth, count: usize) -> Result<Trend> {
    let founded = crate::group::get(conn)?.founded;
    let today = crate::clock::today();
    let mut months = Vec::new();
    let mut m = last;
    for _ in 0..count {
        if m.last_day() < founded {
            break;
        }
        months.push(m);
        m = m.prev();
    }
    months.reverse();
    let mut out = Vec::with_capacity(months.len());
    for m in months {
        let date = m.last_day().min(today.max(m.first_day()));
        let at = Some(date);
        out.push(TrendMonth {
            month: format!("{}-{:02}", m.be_year(), m.month),
            label: format!("{} {:02}", thai::month_abbr(m.month), m.be_year() % 100),
            date,
            sajja: -ledger::account_balance(conn, SAJJA, at)?,
            deposits: -ledger::account_balance(conn, DEPOSITS, at)?,
            loans: ledger::account_balance(conn, LOANS, at)?,
            arrears: crate::loan::arrears::arrears(conn, date)?.total,
            cash: ledger::account_balance(conn, CASH, at)?,
            bank: ledger::account_balance(conn, BANK, at)?,
        });
    }
    Ok(Trend { months: out })
}

/// One coloured part of a bar (stacked from the bottom) and its legend.
#[derive(Clone, Debug, Serialize)]
pub struct Series {
    pub label: &'static str,
    /// `#2f6f4f`.
    pub colour: &'static str,
    /// Height of this part in each month, thousandths of the plot height.
    pub heights: Vec<u32>,
}

/// A bar chart: one bar a month, its parts stacked.
#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    pub title: &'static str,
    pub series: Vec<Series>,
    /// Month labels under the bars (empty where skipped to keep them readable).
    pub labels: Vec<String>,
    /// Axis ticks: (thousandths of the plot height, label such as `20,000`).
    pub ticks: Vec<(u32, String)>,
    /// The last month's figures, said in words under the title: `ล่าสุด 125,000.00 บาท`.
    pub latest: String,
}

/// A round axis top at or above `max` satang: 1, 2 or 5 × 10ⁿ baht (at least 100 baht).
fn axis_top(max: i64) -> i64 {
    let mut unit: i64 = 100 * 100;
    loop {
        for f in [1, 2, 5] {
            if unit * f >= max {
                return unit * f;
            }
        }
        unit *= 10;
    }
}

fn thousandths(part: i64, top: i64) -> u32 {
    if top <= 0 || part <= 0 {
        return 0;
    }
    ((i128::from(part) * 1000 / i128::from(top)).min(1000)) as u32
}

/// The four charts of `trend`: savings and deposits, loans outstanding, loans in arrears,
/// cash and bank; numbers in `digits`.
pub fn charts(trend: &Trend, digits: Digits) -> Vec<Chart> {
    type Part = (&'static str, &'static str, fn(&TrendMonth) -> Money);
    let specs: [(&'static str, Vec<Part>); 4] = [
        (
            "เงินสัจจะสะสมและเงินฝาก",
            vec![
                ("เงินสัจจะสะสม", "#2f6f4f", |m| {
                    m.sajja
                }),
                ("เงินฝาก", "#8fbf6f", |m| m.deposits),
            ],
        ),
        ("เงินกู้คงเหลือ", vec![("ลูกหนี้เงินกู้", "#3a6ea5", |m| m.loans)]),
        ("เงินกู้ค้างชำระ", vec![("ค้างชำระ", "#c0392b", |m| m.arrears)]),
        (
            "เงินสดและเงินฝากธนาคาร",
            vec![
                ("เงินสด", "#b8860b", |m| m.cash),
                ("เงินฝากธนาคาร", "#e0c060", |m| {
                    m.bank
                }),
            ],
        ),
    ];
    let n = trend.months.len();
    let every = if n > 12 { 3 } else { 1 };
    let labels: Vec<String> = trend
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if (n - 1 - i).is_multiple_of(every) {
                digits.apply(&m.label)
            } else {
                String::new()
            }
        })
        .collect();
    specs
        .into_iter()
        .map(|(title, parts)| {
            let totals: Vec<i64> = trend
                .months
                .iter()
                .map(|m| parts.iter().map(|p| p.2(m).satang().max(0)).sum())
                .collect();
            let top = axis_top(totals.iter().copied().max().unwrap_or(0));
            let series = parts
                .iter()
                .map(|(label, colour, get)| Series {
                    label,
                    colour,
                    heights: trend
                        .months
                        .iter()
                        .map(|m| thousandths(get(m).satang(), top))
                        .collect(),
                })
                .collect();
            let ticks = [0, 500, 1000]
                .into_iter()
                .map(|t| {
                    let baht = top / 100 * i64::from(t) / 1000;
                    (t, digits.apply(&thai::format_int(baht)))
                })
                .collect();
            let latest = match trend.months.last() {
                Some(m) => {
                    let total: Money = parts.iter().map(|p| p.2(m)).sum();
                    digits.apply(&format!(
                        "{} ณ {}: {} บาท",
                        if parts.len() > 1 {
                            "รวม"
                        } else {
                            "ยอด"
                        },
                        m.label,
                        thai::format_amount(total.as_decimal())
                    ))
                }
                None => "ยังไม่มีข้อมูล".to_string(),
            };
            Chart {
                title,
                series,
                labels: labels.clone(),
                ticks,
                latest,
            }
        })
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One chart as a self-contained SVG (no script, no external reference), `width`×`height`
/// user units, Thai labels in the app's font.
pub fn svg(chart: &Chart, width: u32, height: u32) -> String {
    let (w, h) = (width as f32, height as f32);
    let (left, right, top, bottom) = (62.0, 8.0, 44.0, 26.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let n = chart.labels.len().max(1);
    let slot = plot_w / n as f32;
    let bar = (slot * 0.7).min(28.0);
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{title}" font-family="Sarabun, sans-serif">"#,
        title = escape(chart.title)
    );
    s.push_str(&format!(
        r##"<text x="4" y="16" font-size="15" font-weight="bold">{}</text><text x="4" y="34" font-size="12" fill="#555">{}</text>"##,
        escape(chart.title),
        escape(&chart.latest)
    ));
    // Legend at the top right.
    let mut lx = w - right;
    for series in chart.series.iter().rev() {
        let tw = 12.0 * series.label.chars().count() as f32 * 0.5 + 18.0;
        lx -= tw;
        s.push_str(&format!(
            r#"<rect x="{lx:.1}" y="24" width="10" height="10" fill="{}"/><text x="{:.1}" y="33" font-size="12">{}</text>"#,
            series.colour,
            lx + 13.0,
            escape(series.label)
        ));
    }
    for (t, label) in &chart.ticks {
        let y = top + plot_h - plot_h * *t as f32 / 1000.0;
        s.push_str(&format!(
            r##"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ccc" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#555">{}</text>"##,
            w - right,
            left - 4.0,
            y + 4.0,
            escape(label)
        ));
    }
    for i in 0..chart.labels.len() {
        let x = left + slot * i as f32 + (slot - bar) / 2.0;
        let mut base = top + plot_h;
        for series in &chart.series {
            let bh = plot_h * series.heights[i] as f32 / 1000.0;
            if bh > 0.0 {
                s.push_str(&format!(
                    r#"<rect x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{bh:.1}" fill="{}"/>"#,
                    base - bh,
                    series.colour
                ));
            }
            base -= bh;
        }
        if !chart.labels[i].is_empty() {
            s.push_str(&format!(
                r#"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle">{}</text>"#,
                x + bar / 2.0,
                h - 8.0,
                escape(&chart.labels[i])
            ));
        }
    }
    s.push_str(&format!(
        r##"<line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#333" stroke-width="1"/></svg>"##,
        top + plot_h,
        w - right,
        top + plot_h
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(i: i64, sajja: i64, loans: i64) -> TrendMonth {
        TrendMonth {
            month: format!("2568-{i:02}"),
            label: format!("m{i}"),
            date: NaiveDate::from_ymd_opt(2025, 1, 31).unwrap(),
            sajja: Money::from_baht(sajja),
            deposits: Money::from_baht(sajja / 2),
            loans: Money::from_baht(loans),
            arrears: Money::ZERO,
            cash: Money::from_baht(10),
            bank: Money::ZERO,
        }
    }

    #[test]
    fn bars_are_in_proportion_to_a_round_axis() {
        let t = Trend {
            months: vec![month(1, 10_000, 0), month(2, 20_000, 35_000)],
        };
        let c = charts(&t, Digits::Arabic);
        assert_eq!(c.len(), 4);
        // Savings 20,000 + deposits 10,000 = 30,000 under an axis of 50,000.
        assert_eq!(c[0].ticks.last().unwrap().1, "50,000");
        assert_eq!(c[0].series[0].heights, vec![200, 400]);
        assert_eq!(c[0].series[1].heights, vec![100, 200]);
        assert_eq!(c[1].series[0].heights, vec![0, 700]);
        assert!(c[0].latest.contains("30,000.00"), "{}", c[0].latest);
        // Nothing in arrears: an empty chart on the smallest axis, no bar drawn.
        assert_eq!(c[2].series[0].heights, vec![0, 0]);
        let svg = svg(&c[2], 400, 220);
        assert!(!svg.contains("<rect x=\"6"), "{svg}");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("เงินกู้ค้างชำระ"));
        let thai = charts(&t, Digits::Thai);
        assert_eq!(thai[0].ticks[2].1, "๕๐,๐๐๐");
    }

    #[test]
    fn the_axis_top_is_round() {
        assert_eq!(axis_top(0), 10_000);
        assert_eq!(axis_top(10_001), 20_000);
        assert_eq!(axis_top(3_000_000), 5_000_000);
        assert_eq!(axis_top(5_000_001), 10_000_000);
    }
}
