//! The trend charts ([`crate::report::trend`]) drawn as PDF vector graphics: filled
//! rectangles for the bars, rules for the axis, shaped Thai text for the labels. The same
//! geometry the app draws as SVG.

use crate::print::{Align, Colour, Page, TextStyle};
use crate::report::trend::Chart;

/// `#2f6f4f` → the colour.
fn colour(hex: &str) -> Colour {
    let v = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    Colour(v(1), v(3), v(5))
}

/// Draws `chart` in the box (`x`, `y`, `w`, `h`) mm of `page`.
pub fn draw(page: &mut Page<'_>, x: f32, y: f32, w: f32, h: f32, chart: &Chart) {
    let title = TextStyle::new(12.0).bold();
    let small = TextStyle::new(9.0).colour(Colour::DARK_GREY);
    page.text(x, y, chart.title, &title);
    page.text(x, y + 5.5, &chart.latest, &small);
    // Legend at the top right.
    let mut lx = x + w;
    for s in chart.series.iter().rev() {
        let tw = page.text_width(s.label, &small);
        lx -= tw + 5.0;
        page.fill_rect(lx, y + 6.6, 2.6, 2.6, colour(s.colour));
        page.text(lx + 3.4, y + 5.5, s.label, &small);
        lx -= 2.0;
    }
    let (left, top, bottom) = (16.0, 12.0, 6.0);
    let plot_w = w - left;
    let plot_h = h - top - bottom;
    let base = y + top + plot_h;
    for (t, label) in &chart.ticks {
        let ty = base - plot_h * *t as f32 / 1000.0;
        page.hline(x + left, x + w, ty, 0.2);
        page.text(x + left - 1.0, ty - 2.0, label, &small.align(Align::Right));
    }
    let n = chart.labels.len().max(1);
    let slot = plot_w / n as f32;
    let bar = (slot * 0.7).min(8.0);
    for i in 0..chart.labels.len() {
        let bx = x + left + slot * i as f32 + (slot - bar) / 2.0;
        let mut bottom_y = base;
        for s in &chart.series {
            let bh = plot_h * s.heights[i] as f32 / 1000.0;
            if bh > 0.0 {
                page.fill_rect(bx, bottom_y - bh, bar, bh, colour(s.colour));
            }
            bottom_y -= bh;
        }
        if !chart.labels[i].is_empty() {
            page.text(
                bx + bar / 2.0,
                base + 0.8,
                &chart.labels[i],
                &small.align(Align::Centre),
            );
        }
    }
    page.hline(x + left, x + w, base, 0.6);
}
