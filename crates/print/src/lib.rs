//! Thai typesetting engine: draws what it is given into PDF, correctly shaped.
//!
//! Knows nothing of the database or of money: callers pass already formatted strings.
//!
//! # How text gets onto the page
//!
//! - **Shaping.** Every run of text is shaped with rustybuzz (HarfBuzz's algorithm) and placed
//!   glyph by glyph with HarfBuzz's offsets, so tone marks, upper and lower vowels, สระอำ and
//!   the descender-less ญ/ฐ sit exactly where HarfBuzz puts them. printpdf's own text path
//!   (`TextItem::Text`, `from_html`) is never used: it does not shape Thai.
//! - **Copy-paste.** Each run is wrapped in an `/ActualText` span and every glyph id keeps one
//!   ToUnicode text for the life of the [`Engine`], so `pdftotext` and viewers' search return
//!   the source text exactly.
//! - **Line breaking.** Paragraphs break only at Thai word boundaries found by ICU's LSTM
//!   segmenter, filled greedily by shaped width. Names can be protected with
//!   [`Engine::protect`] (U+2060 WORD JOINER, removed again before drawing).
//! - **Compact output.** A run is emitted as one `Tm` + `TJ` per baseline segment with kerning
//!   numbers computed against printpdf's own `/W` widths; only a glyph with a vertical offset
//!   starts a new `Tm`.
//!
//! # Layout
//!
//! [`DocBuilder`] collects [`Page`]s; a page draws text, paragraphs, rules, boxes and
//! signature blocks in millimetres from the top-left corner; [`Table`] flows rows over pages
//! with the header repeated; [`DocBuilder::number_pages`] adds `หน้า x/y` once the page count
//! is known; [`write_series`] splits a large job into numbered files built on all cores.
//!
//! ```no_run
//! use sajja_print::*;
//! # fn main() -> Result<(), PrintError> {
//! let engine = Engine::new()?;
//! let mut doc = DocBuilder::new(&engine, PageSetup::a4_portrait());
//! let page = doc.new_page();
//! let title = TextStyle::new(20.0).bold().align(Align::Centre);
//! page.text(105.0, 20.0, "รายงานประจำเดือน", &title);
//! let mut table = Table::new(vec![Column::left("รายการ", 100.0), Column::right("จำนวนเงิน", 40.0)]);
//! table.row(["เงินสัจจะ", "1,250.00"]).total_row(["รวม", "1,250.00"]);
//! doc.table(&table, 25.0, 40.0, |_page| 20.0)?;
//! doc.number_pages(Align::Centre);
//! doc.write(std::path::Path::new("report.pdf"))?;
//! # Ok(()) }
//! ```
//!
//! # Speed and memory
//!
//! One [`Engine`] is shared by every document and thread. Shaped runs are cached per face
//! (bounded, two generations), strings of digits and punctuation (amounts, dates, page numbers)
//! are composed glyph by glyph without shaping — the engine proves at start-up, pair by pair,
//! that these glyphs never interact in the font — and [`write_series`] builds numbered files
//! on all cores with memory bounded by the files in flight.
//!
//! Measured on the 2-core development machine (release build, statement pages of ~40 runs,
//! `examples/bench.rs` in the scratch crate): about 0.5 ms of CPU per page, of which about a
//! fifth is this module (layout, cache lookups, building ops) and the rest printpdf's
//! serializer: turning every op into lopdf objects (~35 %), Flate at lopdf's best compression
//! level (~20–35 %), writing (~13 %) and dropping the document (~10 %). `set_compress(false)`
//! cuts CPU by about a third and triples the file size. Peak memory is about
//! 20 MB + threads × pages per file × 0.13 MB.

mod doc;
mod engine;
mod error;
mod font;
mod page;
mod shape;
mod table;

#[cfg(test)]
mod tests;

pub use doc::{remove_leftovers, write_atomic, write_series, DocBuilder, PageInfo, SeriesOptions};
pub use engine::Engine;
pub use error::PrintError;
pub use font::FontStyle;
pub use page::{Align, Colour, Margins, Page, PageSetup, PageSize, Signature, TextStyle};
pub use shape::{Glyph, ShapeStats, ShapedRun, WORD_JOINER};
pub use table::{Column, RowKind, Table, TableStyle};

/// Points per millimetre (72 pt per inch, 25.4 mm per inch).
pub const PT_PER_MM: f32 = 72.0 / 25.4;
