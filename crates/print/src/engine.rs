//! [`Engine`]: the fonts, the shaper caches and the Thai line breaker, built once and shared.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};

use super::error::Result;
use super::font::{FontFace, FontStyle};
use super::shape::{lock, strip_joiners, FaceShaper, ShapeStats, ShapedRun, WORD_JOINER};
use super::PT_PER_MM;

/// Smallest line height, in em. Thai stacks up to three marks above a consonant (ปี๊, ผู้):
/// Sarabun's own ascender–descender span is 1.3 em, and 1.5 em keeps stacked marks clear of
/// the descenders of the line above.
const MIN_LINE_HEIGHT_EM: f32 = 1.5;

/// Paragraphs whose break opportunities are remembered (per generation, two generations).
const BREAK_CACHE_GENERATION: usize = 1024;

/// Words the LSTM segmenter splits into syllables although a Thai reader takes each as one
/// word (สัจ|จะ, ค่า|ปรับ): the words of a savings group's books. No line ever breaks inside
/// one of them; the segmenter's other opportunities are kept.
pub const WHOLE_WORDS: &[&str] = &[
    "สัจจะ",
    "ค่าปรับ",
    "เงินกู้",
    "เงินต้น",
    "เงินฝาก",
    "ดอกเบี้ย",
    "สมาชิก",
    "ใบเสร็จ",
    "ค่าสมัคร",
    "ค่าธรรมเนียม",
    "ค่าสินค้า",
    "เงินเชื่อ",
    "ปันผล",
    "เฉลี่ยคืน",
    "ค้ำประกัน",
    "คู่ฝาก",
    "ผู้ใหญ่บ้าน",
    "กรรมการ",
    "เหรัญญิก",
    "ธนาคาร",
    "หักล้าง",
    "พ้นสภาพ",
    "ยกมา",
    "ยกไป",
    "คงเหลือ",
];

/// True when byte offset `b` of `text` falls strictly inside an occurrence of a
/// [`WHOLE_WORDS`] word.
fn inside_whole_word(text: &str, b: usize) -> bool {
    WHOLE_WORDS.iter().any(|w| {
        text.match_indices(w)
            .any(|(start, _)| b > start && b < start + w.len())
    })
}

/// Fonts, shaping caches and the line segmenter. Build one per program (it loads the LSTM
/// model and parses both faces, a few milliseconds) and share it: it is `Sync`, and every
/// document and thread can use the same one, so runs shaped for one page are reused by all.
pub struct Engine {
    shapers: [FaceShaper; 2],
    segmenter: LineSegmenterBorrowed<'static>,
    breaks: Mutex<BreakCache>,
}

impl Engine {
    /// Loads the embedded Sarabun faces and the LSTM Thai line breaker.
    ///
    /// The LSTM model is used rather than the dictionary because the dictionary breaks inside
    /// syllables next to words it does not know, which village and person names often are.
    ///
    /// # Errors
    /// [`PrintError::Font`](super::PrintError::Font) if an embedded font cannot be parsed (a
    /// broken build).
    pub fn new() -> Result<Self> {
        let regular = FontFace::load(FontStyle::Regular)?;
        let bold = FontFace::load(FontStyle::Bold)?;
        Ok(Engine {
            shapers: [
                FaceShaper::new(FontStyle::Regular, regular),
                FaceShaper::new(FontStyle::Bold, bold),
            ],
            segmenter: LineSegmenter::new_lstm(LineBreakOptions::default()),
            breaks: Mutex::new(BreakCache::default()),
        })
    }

    /// Shapes `text` in `style` (word joiners removed), from the cache when possible.
    pub fn shape(&self, text: &str, style: FontStyle) -> Arc<ShapedRun> {
        self.shaper(style).run(text)
    }

    /// Width of `text` in millimetres at `size_pt`.
    pub fn text_width_mm(&self, text: &str, style: FontStyle, size_pt: f32) -> f32 {
        self.width_pt(text, style, size_pt) / PT_PER_MM
    }

    /// Line height in millimetres: the font's own ascender–descender–gap span, but at least
    /// 1.5 em so stacked Thai marks never touch the line above.
    pub fn line_height_mm(&self, style: FontStyle, size_pt: f32) -> f32 {
        self.line_height_pt(style, size_pt) / PT_PER_MM
    }

    /// Counters of cache hits, rustybuzz calls and composed runs, over both faces.
    pub fn stats(&self) -> ShapeStats {
        let [r, b] = [&self.shapers[0], &self.shapers[1]].map(FaceShaper::stats);
        ShapeStats {
            hits: r.hits + b.hits,
            shaped: r.shaped + b.shaped,
            composed: r.composed + b.composed,
        }
    }

    /// Byte offsets where `text` may break (always including 0 and `text.len()`), from the
    /// LSTM segmenter. No opportunity is ever reported next to a U+2060 WORD JOINER, nor
    /// inside one of the [`WHOLE_WORDS`].
    pub fn break_opportunities(&self, text: &str) -> Arc<[usize]> {
        if let Some(found) = lock(&self.breaks).get(text) {
            return found;
        }
        let found: Arc<[usize]> = self
            .segmenter
            .segment_str(text)
            .filter(|&b| !touches_joiner(text, b))
            .collect();
        let found: Arc<[usize]> = if WHOLE_WORDS.iter().any(|w| text.contains(w)) {
            found
                .iter()
                .copied()
                .filter(|&b| !inside_whole_word(text, b))
                .collect()
        } else {
            found
        };
        lock(&self.breaks).insert(text, Arc::clone(&found));
        found
    }

    /// Returns `name` with U+2060 WORD JOINER inserted wherever the line breaker would
    /// otherwise allow a break, so the name is never split across lines. Drawing and
    /// copy-paste remove the joiners, so the printed and extracted text equals `name`.
    pub fn protect(&self, name: &str) -> String {
        let mut text = name.to_string();
        // Each pass splits the text into more pieces the segmenter sees separately, which can
        // reveal new opportunities inside a piece; repeat until none is left (bounded by the
        // number of characters, since every pass inserts at least one joiner).
        for _ in 0..=name.chars().count() {
            let inner: Vec<usize> = self
                .segmenter
                .segment_str(&text)
                .filter(|&b| b > 0 && b < text.len() && !touches_joiner(&text, b))
                .collect();
            if inner.is_empty() {
                break;
            }
            for &b in inner.iter().rev() {
                text.insert(b, WORD_JOINER);
            }
        }
        text
    }

    /// Breaks `text` into lines no wider than `width_mm` at `size_pt`: at Thai word
    /// boundaries, filling each line greedily by shaped width. `\n` forces a break. Spaces at
    /// the end of a line are dropped. A word wider than the whole box is split between
    /// grapheme clusters as a last resort, so nothing ever overflows.
    pub fn break_lines(
        &self,
        text: &str,
        style: FontStyle,
        size_pt: f32,
        width_mm: f32,
    ) -> Vec<String> {
        let shaper = self.shaper(style);
        let max_units = (width_mm * PT_PER_MM / size_pt * shaper.face.upem as f32) as i32;
        text.split('\n')
            .flat_map(|para| self.break_paragraph(para, style, max_units))
            .collect()
    }

    /// `line` shaped and stretched to `width_mm` at `size_pt` by widening its word boundaries
    /// (ICU, the same the line breaker uses) equally: one line of a justified paragraph.
    /// A line without a boundary inside, or one that would need more than half an em per
    /// boundary (a short line), comes back as it is.
    pub fn justified(
        &self,
        line: &str,
        style: FontStyle,
        size_pt: f32,
        width_mm: f32,
    ) -> Arc<ShapedRun> {
        let shaper = self.shaper(style);
        let natural = shaper.run(line);
        let target = (width_mm * PT_PER_MM / size_pt * shaper.face.upem as f32) as i32;
        let slack = target - natural.width_units();
        // Boundaries inside the line (after a space, or between Thai words), counted in the
        // text without word joiners, as shaped.
        let trimmed = line.trim_end();
        let mut gaps = Vec::new();
        for b in self.break_opportunities(trimmed).iter().copied() {
            if b == 0 || b >= trimmed.len() {
                continue;
            }
            let joiners = trimmed[..b].matches(WORD_JOINER).count() * WORD_JOINER.len_utf8();
            gaps.push(b - joiners);
        }
        if slack <= 0 || gaps.is_empty() {
            return natural;
        }
        let extra = slack / gaps.len() as i32;
        if extra > shaper.face.upem / 2 {
            return natural;
        }
        Arc::new(shaper.spaced(trimmed, &gaps, extra))
    }

    pub(crate) fn shaper(&self, style: FontStyle) -> &FaceShaper {
        &self.shapers[style.index()]
    }

    pub(crate) fn width_pt(&self, text: &str, style: FontStyle, size_pt: f32) -> f32 {
        let shaper = self.shaper(style);
        shaper.width_units(text) as f32 * size_pt / shaper.face.upem as f32
    }

    pub(crate) fn line_height_pt(&self, style: FontStyle, size_pt: f32) -> f32 {
        let face = &self.shaper(style).face;
        let natural = (face.ascender - face.descender + face.line_gap) as f32 / face.upem as f32;
        natural.max(MIN_LINE_HEIGHT_EM) * size_pt
    }

    /// Distance from the top of a line box to its baseline, in points: half the leading,
    /// then the ascender.
    pub(crate) fn baseline_offset_pt(&self, style: FontStyle, size_pt: f32) -> f32 {
        let face = &self.shaper(style).face;
        let k = size_pt / face.upem as f32;
        let content = (face.ascender - face.descender) as f32 * k;
        (self.line_height_pt(style, size_pt) - content) / 2.0 + face.ascender as f32 * k
    }

    fn break_paragraph(&self, para: &str, style: FontStyle, max_units: i32) -> Vec<String> {
        let shaper = self.shaper(style);
        let fits = |s: &str| shaper.width_units(s) <= max_units;
        // Most table cells and labels fit on one line: skip the (LSTM) segmentation.
        if fits(para.trim_end()) {
            return vec![para.trim_end().to_string()];
        }
        let breaks = self.break_opportunities(para);
        let mut lines = Vec::new();
        let mut start = 0;
        while start < para.len() {
            let end = self.line_end(para, &breaks, start, style, max_units);
            lines.push(para[start..end].trim_end().to_string());
            start = end;
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    /// End of the line starting at `start`: the last break opportunity whose line (without
    /// its trailing spaces) still fits, or a forced split when not even the first word fits.
    fn line_end(
        &self,
        para: &str,
        breaks: &[usize],
        start: usize,
        style: FontStyle,
        max_units: i32,
    ) -> usize {
        let shaper = self.shaper(style);
        let mut after = breaks.iter().copied().filter(|&b| b > start).peekable();
        let next = after.peek().copied().unwrap_or(para.len());
        let fitting = after
            .take_while(|&b| shaper.width_units(para[start..b].trim_end()) <= max_units)
            .last();
        fitting
            .unwrap_or_else(|| start + self.split_unbreakable(&para[start..next], style, max_units))
    }

    /// Where to end a line that starts with a piece wider than the box (a protected name, a
    /// very long word). Degrades gracefully: first at a space inside the piece (between a
    /// first name and a surname), then at the word boundaries the protection hid, and only if
    /// even one word is too wide, between grapheme clusters.
    fn split_unbreakable(&self, piece: &str, style: FontStyle, max_units: i32) -> usize {
        let shaper = self.shaper(style);
        let clean = strip_joiners(piece);
        let fits = |b: &usize| shaper.width_units(clean[..*b].trim_end()) <= max_units;
        let inner = |b: &usize| *b > 0 && *b < clean.len();
        let after_spaces = clean
            .char_indices()
            .filter(|&(i, c)| {
                c.is_whitespace() && !clean[i + c.len_utf8()..].starts_with(char::is_whitespace)
            })
            .map(|(i, c)| i + c.len_utf8());
        let words = self.break_opportunities(&clean);
        let fitting = after_spaces
            .filter(inner)
            .take_while(fits)
            .last()
            .or_else(|| words.iter().copied().filter(inner).take_while(fits).last());
        match fitting {
            Some(b) => original_offset(piece, b),
            None => self.longest_fitting_prefix(piece, style, max_units),
        }
    }

    /// Longest prefix of `word` (ending at a cluster boundary, at least one cluster) that
    /// fits: the last-resort split for a single word wider than the box.
    fn longest_fitting_prefix(&self, word: &str, style: FontStyle, max_units: i32) -> usize {
        let shaper = self.shaper(style);
        let clean = strip_joiners(word);
        let glyphs = shaper.shape_glyphs(&clean);
        let mut bounds: Vec<usize> = glyphs.iter().map(|g| g.cluster as usize).collect();
        bounds.push(clean.len());
        bounds.sort_unstable();
        bounds.dedup();
        let first = bounds
            .iter()
            .copied()
            .find(|&b| b > 0)
            .unwrap_or(clean.len());
        let mut best = first;
        for &b in bounds.iter().filter(|&&b| b > first) {
            if shaper.width_units(&clean[..b]) <= max_units {
                best = b;
            } else {
                break;
            }
        }
        match original_offset(word, best) {
            0 => word.len(),
            end => end,
        }
    }
}

/// Maps a byte offset in `word` without joiners back to the offset in `word` itself.
fn original_offset(word: &str, clean_offset: usize) -> usize {
    let mut seen = 0;
    for (i, c) in word.char_indices() {
        if seen == clean_offset {
            return i;
        }
        if c != WORD_JOINER {
            seen += c.len_utf8();
        }
    }
    word.len()
}

/// True when byte offset `b` is directly before or after a word joiner.
fn touches_joiner(text: &str, b: usize) -> bool {
    text[..b].ends_with(WORD_JOINER) || text[b..].starts_with(WORD_JOINER)
}

/// Bounded memory of break opportunities per paragraph (LSTM segmentation takes milliseconds
/// per paragraph, and report notes repeat on every page). Same two-generation scheme as the
/// run cache.
#[derive(Default)]
struct BreakCache {
    young: HashMap<Box<str>, Arc<[usize]>>,
    old: HashMap<Box<str>, Arc<[usize]>>,
}

impl BreakCache {
    fn get(&mut self, text: &str) -> Option<Arc<[usize]>> {
        if let Some(found) = self.young.get(text) {
            return Some(Arc::clone(found));
        }
        let found = self.old.remove(text)?;
        self.insert(text, Arc::clone(&found));
        Some(found)
    }

    fn insert(&mut self, text: &str, breaks: Arc<[usize]>) {
        if self.young.len() >= BREAK_CACHE_GENERATION {
            self.old = std::mem::take(&mut self.young);
        }
        self.young.insert(text.into(), breaks);
    }
}
