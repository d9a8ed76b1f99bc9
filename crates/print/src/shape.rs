//! Shaping with rustybuzz, cached, and turned into ready-to-emit `TJ` segments.
//!
//! Shaping is the expensive step of drawing text, and report text repeats a lot: labels,
//! headings and names recur on every page. Each face keeps a bounded cache from the
//! (size-independent) text to its [`ShapedRun`]; a run holds its glyphs in font units and
//! the `TJ` segments with kerning numbers already computed, so drawing a cached run at any size
//! is a few clones. Strings made only of digits and simple punctuation (amounts, dates, page
//! numbers) are not shaped at all: they are composed from per-character glyphs, which the engine
//! proves equivalent to shaping when it starts (see [`FaceShaper::simple_chars`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use printpdf::Codepoint;
use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer};

use super::font::{FontFace, FontStyle};

/// U+2060 WORD JOINER: marks places where a line must not break. Never drawn, never copied.
pub const WORD_JOINER: char = '\u{2060}';

/// Most distinct strings kept per face per cache generation. Two generations are kept, so
/// the cache holds at most twice this many runs (a few MB) however many pages are printed.
const CACHE_GENERATION: usize = 8192;

/// Characters that may be composed glyph by glyph instead of shaped, if the font proves that
/// they never interact (checked pairwise at start-up).
const SIMPLE_CANDIDATES: &str = "0123456789๐๑๒๓๔๕๖๗๘๙,.-+()/:% ฿";

/// One glyph as HarfBuzz placed it, in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    /// Glyph id in the font.
    pub gid: u16,
    /// Byte offset in the source text of the cluster this glyph belongs to.
    pub cluster: u32,
    /// Pen advance after the glyph.
    pub x_advance: i32,
    /// Horizontal shift of the glyph from the pen.
    pub x_offset: i32,
    /// Vertical shift of the glyph from the baseline (positive is up).
    pub y_offset: i32,
}

/// A run of glyphs placed from one origin on one baseline, ready for `Tm` + `TJ`.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    /// Origin of the first glyph relative to the run origin, in font units.
    pub(crate) x: i32,
    /// Baseline shift of the whole segment, in font units.
    pub(crate) y: i32,
    /// Glyph ids with their ToUnicode text and `TJ` kerning (1/1000 em, after the glyph).
    pub(crate) glyphs: Vec<Codepoint>,
}

/// The result of shaping one string in one face: independent of the point size.
#[derive(Debug, Clone)]
pub struct ShapedRun {
    style: FontStyle,
    upem: i32,
    width: i32,
    glyphs: Vec<Glyph>,
    pub(crate) segments: Vec<Segment>,
    /// `/ActualText` payload: BOM + UTF-16BE of the source text without word joiners.
    pub(crate) actual_text: Vec<u8>,
}

impl ShapedRun {
    /// The face this run was shaped with.
    pub fn style(&self) -> FontStyle {
        self.style
    }

    /// The glyphs in visual order, in font units.
    pub fn glyphs(&self) -> &[Glyph] {
        &self.glyphs
    }

    /// Total advance in font units.
    pub fn width_units(&self) -> i32 {
        self.width
    }

    /// Units per em of the face, to scale [`Self::width_units`] and [`Glyph`] values.
    pub fn units_per_em(&self) -> i32 {
        self.upem
    }

    /// Total advance in points at `size_pt`.
    pub fn width_pt(&self, size_pt: f32) -> f32 {
        self.width as f32 * size_pt / self.upem as f32
    }

    /// True when the run draws nothing.
    pub fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }
}

/// Counters of how text reached the page, for tuning and for the benchmark report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShapeStats {
    /// Runs served from the cache.
    pub hits: u64,
    /// Runs shaped with rustybuzz (cache misses).
    pub shaped: u64,
    /// Runs composed from per-character glyphs (digits, amounts), never shaped.
    pub composed: u64,
}

impl ShapeStats {
    /// Share of cache lookups that found the run already shaped, 0.0–1.0.
    pub fn cache_hit_rate(&self) -> f64 {
        ratio(self.hits, self.hits + self.shaped)
    }

    /// Share of all runs that did not need rustybuzz (cache hits and composed runs), 0.0–1.0.
    pub fn unshaped_share(&self) -> f64 {
        ratio(
            self.hits + self.composed,
            self.hits + self.shaped + self.composed,
        )
    }

    /// Counters accumulated since `earlier` (for measuring one job on a shared engine).
    pub fn since(&self, earlier: &ShapeStats) -> ShapeStats {
        ShapeStats {
            hits: self.hits - earlier.hits,
            shaped: self.shaped - earlier.shaped,
            composed: self.composed - earlier.composed,
        }
    }
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Everything needed to shape text in one face, shared by all threads.
pub(crate) struct FaceShaper {
    pub(crate) style: FontStyle,
    pub(crate) face: FontFace,
    plans: Mutex<Vec<(Script, Direction, Arc<ShapePlan>)>>,
    cache: Mutex<RunCache>,
    /// Stable ToUnicode text per glyph id: the first text seen for a glyph is kept for the
    /// life of the engine, because printpdf's ToUnicode keeps one entry per glyph (last wins)
    /// and changing it between runs would garble copy-paste of the earlier ones.
    cids: Mutex<HashMap<u16, String>>,
    /// Characters whose glyphs never interact, ready to compose without shaping.
    simple: SimpleGlyphs,
    hits: AtomicU64,
    shaped: AtomicU64,
    composed: AtomicU64,
}

impl FaceShaper {
    /// Prepares a face: seeds the ToUnicode table from the cmap and proves which simple
    /// characters can be composed without shaping.
    pub(crate) fn new(style: FontStyle, face: FontFace) -> Self {
        let cids = face
            .cmap_text
            .iter()
            .map(|(&gid, &c)| (gid, c.to_string()))
            .collect();
        let mut shaper = FaceShaper {
            style,
            face,
            plans: Mutex::new(Vec::new()),
            cache: Mutex::new(RunCache::default()),
            cids: Mutex::new(cids),
            simple: SimpleGlyphs::default(),
            hits: AtomicU64::new(0),
            shaped: AtomicU64::new(0),
            composed: AtomicU64::new(0),
        };
        let simple = shaper.simple_chars();
        shaper.simple = shaper.simple_glyphs(&simple);
        shaper
    }

    /// Shapes `text` (word joiners are removed first), using the cache or composition.
    pub(crate) fn run(&self, text: &str) -> Arc<ShapedRun> {
        let text = strip_joiners(text);
        if let Some(run) = self.compose(&text) {
            self.composed.fetch_add(1, Ordering::Relaxed);
            return Arc::new(run);
        }
        if let Some(run) = lock(&self.cache).get(&text) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return run;
        }
        // Shape outside the cache lock so the other thread is not held up by a miss.
        self.shaped.fetch_add(1, Ordering::Relaxed);
        let run = Arc::new(self.build_run(&text, self.shape_glyphs(&text)));
        lock(&self.cache).insert(&text, Arc::clone(&run));
        run
    }

    /// `text` shaped as HarfBuzz shapes it, then spread: `extra` font units more pen advance
    /// after the last glyph before each byte offset in `gaps` (word boundaries of the text
    /// without joiners). Glyphs, their offsets and clusters are untouched, so marks stay on
    /// their bases; not cached (a justified line is drawn once).
    pub(crate) fn spaced(&self, text: &str, gaps: &[usize], extra: i32) -> ShapedRun {
        let text = strip_joiners(text);
        let mut glyphs = self.run(&text).glyphs.clone();
        for &gap in gaps {
            let after = glyphs.partition_point(|g| (g.cluster as usize) < gap);
            if let Some(g) = after.checked_sub(1).and_then(|i| glyphs.get_mut(i)) {
                g.x_advance += extra;
            }
        }
        self.build_run(&text, glyphs)
    }

    /// Shapes without touching the cache or the counters (line-breaking trial widths).
    pub(crate) fn width_units(&self, text: &str) -> i32 {
        let text = strip_joiners(text);
        if let Some(width) = self.simple.width(&text) {
            return width;
        }
        if let Some(run) = lock(&self.cache).peek(&text) {
            return run.width;
        }
        self.shape_glyphs(&text).iter().map(|g| g.x_advance).sum()
    }

    /// Plain rustybuzz shaping, reusing one plan per (script, direction).
    pub(crate) fn shape_glyphs(&self, text: &str) -> Vec<Glyph> {
        let mut buf = UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        let plan = self.plan_for(buf.script(), buf.direction());
        let out = rustybuzz::shape_with_plan(&self.face.shaper, &plan, buf);
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| Glyph {
                gid: u16::try_from(info.glyph_id).unwrap_or(0),
                cluster: info.cluster,
                x_advance: pos.x_advance,
                x_offset: pos.x_offset,
                y_offset: pos.y_offset,
            })
            .collect()
    }

    /// Current counters.
    pub(crate) fn stats(&self) -> ShapeStats {
        ShapeStats {
            hits: self.hits.load(Ordering::Relaxed),
            shaped: self.shaped.load(Ordering::Relaxed),
            composed: self.composed.load(Ordering::Relaxed),
        }
    }

    /// Shape plans are slow to build (rustybuzz docs), so keep one per script/direction.
    fn plan_for(&self, script: Script, direction: Direction) -> Arc<ShapePlan> {
        let mut plans = lock(&self.plans);
        if let Some((_, _, plan)) = plans
            .iter()
            .find(|(s, d, _)| *s == script && *d == direction)
        {
            return Arc::clone(plan);
        }
        let plan = Arc::new(ShapePlan::new(
            &self.face.shaper,
            direction,
            Some(script),
            None,
            &[],
        ));
        plans.push((script, direction, Arc::clone(&plan)));
        plan
    }

    /// `text` composed from per-character glyphs when every character is simple: no shaping,
    /// no cache, no locks — amounts and dates are mostly distinct strings.
    fn compose(&self, text: &str) -> Option<ShapedRun> {
        if text.is_empty() {
            return None;
        }
        let mut glyphs = Vec::with_capacity(text.len());
        let mut codepoints = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            let simple = self.simple.get(c)?;
            glyphs.push(Glyph {
                cluster: i as u32,
                ..simple.glyph
            });
            codepoints.push(Codepoint {
                gid: simple.glyph.gid,
                offset: simple.kern,
                cid: Some(simple.cid.clone()),
            });
        }
        Some(ShapedRun {
            style: self.style,
            upem: self.face.upem,
            width: glyphs.iter().map(|g| g.x_advance).sum(),
            glyphs,
            segments: vec![Segment {
                x: 0,
                y: 0,
                glyphs: codepoints,
            }],
            actual_text: utf16be_with_bom(text),
        })
    }

    /// The composition table for the proven-simple characters: glyph, `TJ` kerning after it
    /// (`/W` width minus advance) and its stable ToUnicode text.
    fn simple_glyphs(&self, simple: &HashMap<char, Glyph>) -> SimpleGlyphs {
        let to_em = 1000.0 / self.face.upem as f32;
        let mut table = SimpleGlyphs::default();
        let mut cids = lock(&self.cids);
        for (&c, &glyph) in simple {
            let cid = cids
                .entry(glyph.gid)
                .or_insert_with(|| c.to_string())
                .clone();
            let kern =
                round_milli(self.face.pdf_width(glyph.gid) as f32 - glyph.x_advance as f32 * to_em);
            table.insert(c, SimpleGlyph { glyph, kern, cid });
        }
        table
    }

    /// Finds the characters that can be composed: a candidate qualifies when shaping it alone
    /// gives one glyph with no offsets, and shaping it next to every other candidate (both
    /// orders) gives exactly the two single-character results side by side — no kerning, no
    /// ligature, no contextual form. Repeats until no pair fails, so the result is exact for
    /// any string of qualifying characters under pairwise interactions.
    fn simple_chars(&self) -> HashMap<char, Glyph> {
        let mut singles: HashMap<char, Glyph> = HashMap::new();
        for c in SIMPLE_CANDIDATES.chars() {
            let glyphs = self.shape_glyphs(c.encode_utf8(&mut [0; 4]));
            if let [g] = glyphs[..] {
                if g.gid != 0 && g.x_offset == 0 && g.y_offset == 0 {
                    singles.insert(c, Glyph { cluster: 0, ..g });
                }
            }
        }
        loop {
            let chars: Vec<char> = singles.keys().copied().collect();
            let bad: Vec<char> = chars
                .iter()
                .flat_map(|&a| chars.iter().map(move |&b| (a, b)))
                .filter(|&(a, b)| !self.pair_composes(a, b, &singles))
                .flat_map(|(a, b)| [a, b])
                .collect();
            if bad.is_empty() {
                return singles;
            }
            for c in bad {
                singles.remove(&c);
            }
        }
    }

    fn pair_composes(&self, a: char, b: char, singles: &HashMap<char, Glyph>) -> bool {
        let text: String = [a, b].iter().collect();
        let shaped = self.shape_glyphs(&text);
        let expected = [
            singles[&a],
            Glyph {
                cluster: a.len_utf8() as u32,
                ..singles[&b]
            },
        ];
        shaped == expected
    }

    /// Builds the drawable run: stable ToUnicode text per glyph, `TJ` segments, ActualText.
    fn build_run(&self, text: &str, glyphs: Vec<Glyph>) -> ShapedRun {
        let texts = self.glyph_texts(text, &glyphs);
        let segments = self.segments(&glyphs, texts);
        ShapedRun {
            style: self.style,
            upem: self.face.upem,
            width: glyphs.iter().map(|g| g.x_advance).sum(),
            glyphs,
            segments,
            actual_text: utf16be_with_bom(text),
        }
    }

    /// Splits the run where the baseline changes (a glyph with a y offset needs its own `Tm`)
    /// and computes each glyph's `TJ` number so that, after the viewer advances by the `/W`
    /// width, the next glyph starts exactly where HarfBuzz placed it.
    fn segments(&self, glyphs: &[Glyph], texts: Vec<String>) -> Vec<Segment> {
        let to_em = 1000.0 / self.face.upem as f32;
        let mut segments: Vec<Segment> = Vec::new();
        let mut pen = 0i32;
        // (x origin of the previous glyph in font units, its gid) within the open segment.
        let mut prev: Option<(i32, u16)> = None;
        for (g, cid) in glyphs.iter().zip(texts) {
            let x = pen + g.x_offset;
            pen += g.x_advance;
            let open = segments.last_mut().filter(|s| s.y == g.y_offset);
            match (open, prev) {
                (Some(seg), Some((prev_x, prev_gid))) => {
                    let viewer_pen = prev_x as f32 * to_em + self.face.pdf_width(prev_gid) as f32;
                    let kern = round_milli(viewer_pen - x as f32 * to_em);
                    if let Some(last) = seg.glyphs.last_mut() {
                        last.offset = kern;
                    }
                    seg.glyphs.push(codepoint(g.gid, cid));
                }
                _ => segments.push(Segment {
                    x,
                    y: g.y_offset,
                    glyphs: vec![codepoint(g.gid, cid)],
                }),
            }
            prev = Some((x, g.gid));
        }
        segments
    }

    /// The ToUnicode text of every glyph. A glyph reachable through the cmap from a character
    /// of its cluster stands for that character; substituted glyphs (ligatures, `.small`
    /// marks, the descender-less ญ) take the cluster's leftover characters. The first text
    /// recorded for a glyph id is then used for that id everywhere.
    fn glyph_texts(&self, text: &str, glyphs: &[Glyph]) -> Vec<String> {
        let mut out = Vec::with_capacity(glyphs.len());
        let mut cids = lock(&self.cids);
        let mut start = 0;
        while start < glyphs.len() {
            let cluster = glyphs[start].cluster;
            let end = glyphs[start..]
                .iter()
                .position(|g| g.cluster != cluster)
                .map_or(glyphs.len(), |n| start + n);
            let text_end = cluster_end(glyphs, cluster, text.len());
            let cluster_text = text.get(cluster as usize..text_end).unwrap_or("");
            for text in self.cluster_texts(cluster_text, &glyphs[start..end]) {
                out.push(text);
            }
            start = end;
        }
        out.into_iter()
            .zip(glyphs)
            .map(|(candidate, g)| cids.entry(g.gid).or_insert(candidate).clone())
            .collect()
    }

    fn cluster_texts(&self, cluster_text: &str, glyphs: &[Glyph]) -> Vec<String> {
        let mut leftover: Vec<char> = cluster_text.chars().collect();
        let mut texts: Vec<Option<String>> = glyphs
            .iter()
            .map(|g| {
                let pos = leftover
                    .iter()
                    .position(|&c| self.face.shaper.glyph_index(c).map(|id| id.0) == Some(g.gid));
                pos.map(|i| leftover.remove(i).to_string())
            })
            .collect();
        let rest: String = leftover.into_iter().collect();
        let mut rest = Some(rest).filter(|s| !s.is_empty());
        for t in texts.iter_mut().filter(|t| t.is_none()) {
            *t = Some(
                rest.take()
                    .unwrap_or_else(|| fallback_text(cluster_text).to_string()),
            );
        }
        texts.into_iter().flatten().collect()
    }
}

/// End byte of a cluster: the smallest cluster start greater than `cluster`, or the text end.
fn cluster_end(glyphs: &[Glyph], cluster: u32, text_len: usize) -> usize {
    glyphs
        .iter()
        .map(|g| g.cluster)
        .filter(|&c| c > cluster)
        .min()
        .map_or(text_len, |c| c as usize)
}

/// Text for a glyph that has no character of its own left: the whole cluster, or a space
/// for an empty one (ToUnicode entries must not be empty).
fn fallback_text(cluster_text: &str) -> &str {
    if cluster_text.is_empty() {
        " "
    } else {
        cluster_text
    }
}

fn codepoint(gid: u16, cid: String) -> Codepoint {
    Codepoint {
        gid,
        offset: 0.0,
        cid: Some(cid),
    }
}

/// Rounds to 1/1000 of a `TJ` unit: exact for 1000-unit fonts, short in the file for others.
fn round_milli(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// Removes U+2060 WORD JOINER, which only guides line breaking.
pub(crate) fn strip_joiners(text: &str) -> Cow<'_, str> {
    if text.contains(WORD_JOINER) {
        Cow::Owned(text.chars().filter(|&c| c != WORD_JOINER).collect())
    } else {
        Cow::Borrowed(text)
    }
}

fn utf16be_with_bom(text: &str) -> Vec<u8> {
    let mut data = Vec::with_capacity(2 + text.len() * 2);
    data.extend_from_slice(&[0xFE, 0xFF]);
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    data
}

/// One composable character: its glyph, the `TJ` number after it, its ToUnicode text.
#[derive(Debug, Clone)]
struct SimpleGlyph {
    glyph: Glyph,
    kern: f32,
    cid: String,
}

/// Direct-indexed table of composable characters: ASCII, then U+0E3F–U+0E5B (฿ and the
/// Thai digits). A lookup is an array index, which matters at 600 lookups per page.
#[derive(Debug, Clone, Default)]
struct SimpleGlyphs {
    slots: Vec<Option<SimpleGlyph>>,
}

impl SimpleGlyphs {
    const THAI_FIRST: u32 = 0x0E3F;
    const THAI_LAST: u32 = 0x0E5B;

    fn slot(c: char) -> Option<usize> {
        let c = c as u32;
        match c {
            0..=127 => Some(c as usize),
            Self::THAI_FIRST..=Self::THAI_LAST => Some(128 + (c - Self::THAI_FIRST) as usize),
            _ => None,
        }
    }

    fn insert(&mut self, c: char, glyph: SimpleGlyph) {
        if let Some(i) = Self::slot(c) {
            if self.slots.len() <= i {
                self.slots.resize(i + 1, None);
            }
            self.slots[i] = Some(glyph);
        }
    }

    fn get(&self, c: char) -> Option<&SimpleGlyph> {
        self.slots.get(Self::slot(c)?)?.as_ref()
    }

    /// Width in font units when every character is composable.
    fn width(&self, text: &str) -> Option<i32> {
        if text.is_empty() {
            return None;
        }
        text.chars()
            .map(|c| self.get(c).map(|g| g.glyph.x_advance))
            .sum()
    }
}

/// Locks a mutex, carrying on after a panic elsewhere: the guarded data (caches, plans) stay
/// valid even if a holder panicked, so there is nothing to recover.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A bounded two-generation cache: new runs go to `young`; when it is full it becomes `old`
/// and the previous `old` is dropped. A hit in `old` is promoted, so labels that recur on every
/// page never leave, while one-off names age out. Memory stays bounded for any job size.
#[derive(Default)]
struct RunCache {
    young: HashMap<Box<str>, Arc<ShapedRun>>,
    old: HashMap<Box<str>, Arc<ShapedRun>>,
}

impl RunCache {
    fn get(&mut self, text: &str) -> Option<Arc<ShapedRun>> {
        if let Some(run) = self.young.get(text) {
            return Some(Arc::clone(run));
        }
        let run = self.old.remove(text)?;
        self.insert(text, Arc::clone(&run));
        Some(run)
    }

    fn peek(&self, text: &str) -> Option<&Arc<ShapedRun>> {
        self.young.get(text).or_else(|| self.old.get(text))
    }

    fn insert(&mut self, text: &str, run: Arc<ShapedRun>) {
        if self.young.len() >= CACHE_GENERATION {
            self.old = std::mem::take(&mut self.young);
        }
        self.young.insert(text.into(), run);
    }
}
