//! The embedded Sarabun faces and the metrics the layout needs from them.
//!
//! Fonts are compiled into the binary so a printed document never depends on what is installed
//! on the treasurer's laptop. Each face is parsed twice: once by rustybuzz (shaping) and once by
//! printpdf (embedding, `/W` widths, ToUnicode). Both parses happen once per [`super::Engine`].

use std::collections::HashMap;

use printpdf::{FontId, ParsedFont};

use super::error::{PrintError, Result};

const SARABUN_REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/Sarabun-Regular.ttf"
));
const SARABUN_BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/fonts/Sarabun-Bold.ttf"
));

/// Which face a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FontStyle {
    /// Sarabun Regular: body text, amounts.
    #[default]
    Regular,
    /// Sarabun Bold: headings, table headers, totals.
    Bold,
}

impl FontStyle {
    /// Both faces, in the order the engine stores them.
    pub const ALL: [FontStyle; 2] = [FontStyle::Regular, FontStyle::Bold];

    /// Index into the engine's per-face arrays.
    pub(crate) fn index(self) -> usize {
        match self {
            FontStyle::Regular => 0,
            FontStyle::Bold => 1,
        }
    }

    /// PostScript name written as `/BaseFont`, so `pdffonts` shows a real name instead of
    /// printpdf's random id.
    pub(crate) fn postscript_name(self) -> &'static str {
        match self {
            FontStyle::Regular => "Sarabun-Regular",
            FontStyle::Bold => "Sarabun-Bold",
        }
    }

    /// Short, fixed resource name used in content streams (`/FR 16 Tf`). Fixed names keep the
    /// output deterministic and the content streams small.
    pub(crate) fn resource_id(self) -> FontId {
        match self {
            FontStyle::Regular => FontId("FR".to_string()),
            FontStyle::Bold => FontId("FB".to_string()),
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            FontStyle::Regular => SARABUN_REGULAR,
            FontStyle::Bold => SARABUN_BOLD,
        }
    }
}

/// One parsed face with everything layout and serialisation need.
pub(crate) struct FontFace {
    /// The rustybuzz face used for shaping.
    pub(crate) shaper: rustybuzz::Face<'static>,
    /// printpdf's parse of the same bytes, with `font_name` set; cloned into each document.
    pub(crate) parsed: ParsedFont,
    /// Units per em of the font.
    pub(crate) upem: i32,
    /// hhea ascender, in font units (positive).
    pub(crate) ascender: i32,
    /// hhea descender, in font units (negative).
    pub(crate) descender: i32,
    /// hhea line gap, in font units.
    pub(crate) line_gap: i32,
    /// Advance widths per glyph id in 1/1000 em, truncated exactly as printpdf writes them to
    /// `/W`. Kerning numbers in `TJ` are computed against these so the viewer's pen lands
    /// where HarfBuzz put each glyph, with no accumulated drift.
    pub(crate) pdf_widths: Vec<i64>,
    /// The text each glyph id stands for when reached directly through the cmap (lowest
    /// code point wins). Used to seed the stable ToUnicode table.
    pub(crate) cmap_text: HashMap<u16, char>,
}

impl FontFace {
    /// Parses one embedded face.
    pub(crate) fn load(style: FontStyle) -> Result<Self> {
        let err = || PrintError::Font {
            name: style.postscript_name(),
        };
        let bytes = style.bytes();
        let shaper = rustybuzz::Face::from_slice(bytes, 0).ok_or_else(err)?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(err)?;
        parsed.font_name = Some(style.postscript_name().to_string());

        let upem = shaper.units_per_em();
        if upem <= 0 {
            return Err(err());
        }
        let pdf_widths = pdf_widths(&parsed, shaper.number_of_glyphs());
        let mut cmap_text = HashMap::new();
        for (&cp, &gid) in &parsed.codepoint_to_glyph {
            if let Some(c) = char::from_u32(cp) {
                // BTreeMap iterates in code point order, so the first insert is the lowest.
                cmap_text.entry(gid).or_insert(c);
            }
        }
        Ok(FontFace {
            upem,
            ascender: i32::from(shaper.ascender()),
            descender: i32::from(shaper.descender()),
            line_gap: i32::from(shaper.line_gap()),
            shaper,
            parsed,
            pdf_widths,
            cmap_text,
        })
    }

    /// printpdf's `/W` width of a glyph in 1/1000 em (0 for unknown glyphs, as printpdf does).
    pub(crate) fn pdf_width(&self, gid: u16) -> i64 {
        self.pdf_widths.get(usize::from(gid)).copied().unwrap_or(0)
    }
}

/// Reproduces `printpdf::serialize::get_scaled_glyph_width` for every glyph:
/// `(advance as f32 * 1000.0 / upem as f32) as i64`. Same expression, same rounding.
fn pdf_widths(parsed: &ParsedFont, glyphs: u16) -> Vec<i64> {
    let upem = parsed.pdf_font_metrics.units_per_em as f32;
    (0..glyphs)
        .map(|gid| {
            parsed
                .get_glyph_width(gid)
                .map(|w| (w as f32 * 1000.0 / upem) as i64)
                .unwrap_or(0)
        })
        .collect()
}
