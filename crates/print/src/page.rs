//! [`Page`]: drawing in millimetres from the top-left corner, as forms are measured.
//!
//! A page keeps two op lists: graphics (rules, boxes, fills) and text. When the document is
//! written, graphics go first inside `q … Q` (so fills sit under the text and leave no state
//! behind), then all text in a single `BT … ET`. One text object per page lets font, size and
//! colour be set only when they change, which keeps content streams short.

use printpdf::{
    Color, DictItem, Line, LineCapStyle, LineDashPattern, LinePoint, Mm, Op, PaintMode,
    PdfFontHandle, PdfPage, Point, Pt, Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};

use super::engine::Engine;
use super::font::FontStyle;
use super::shape::ShapedRun;
use super::PT_PER_MM;

/// Horizontal placement of text relative to its anchor x.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// x is the left edge.
    #[default]
    Left,
    /// x is the centre.
    Centre,
    /// x is the right edge (amount columns).
    Right,
}

/// An RGB colour, 0–255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    /// Text and rules.
    pub const BLACK: Colour = Colour(0, 0, 0);
    /// Secondary text (footers).
    pub const DARK_GREY: Colour = Colour(80, 80, 80);
    /// Table header background.
    pub const LIGHT_GREY: Colour = Colour(230, 230, 230);
    /// A figure the reader must not miss (a fund below zero).
    pub const RED: Colour = Colour(190, 0, 0);

    fn to_pdf(self) -> Color {
        let f = |v: u8| f32::from(v) / 255.0;
        Color::Rgb(Rgb {
            r: f(self.0),
            g: f(self.1),
            b: f(self.2),
            icc_profile: None,
        })
    }
}

/// How a piece of text looks: size, face, alignment and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Font size in points (Thai official documents: 16).
    pub size_pt: f32,
    /// Regular or bold.
    pub font: FontStyle,
    /// Where the anchor x is.
    pub align: Align,
    /// Fill colour of the glyphs.
    pub colour: Colour,
}

impl TextStyle {
    /// Regular, left-aligned, black text at `size_pt`.
    pub fn new(size_pt: f32) -> Self {
        TextStyle {
            size_pt,
            font: FontStyle::Regular,
            align: Align::Left,
            colour: Colour::BLACK,
        }
    }

    /// The same style in bold.
    pub fn bold(self) -> Self {
        TextStyle {
            font: FontStyle::Bold,
            ..self
        }
    }

    /// The same style with another alignment.
    pub fn align(self, align: Align) -> Self {
        TextStyle { align, ..self }
    }

    /// The same style in another colour.
    pub fn colour(self, colour: Colour) -> Self {
        TextStyle { colour, ..self }
    }

    /// The same style at another size.
    pub fn size(self, size_pt: f32) -> Self {
        TextStyle { size_pt, ..self }
    }
}

/// Paper size in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    /// Width in mm.
    pub width_mm: f32,
    /// Height in mm.
    pub height_mm: f32,
}

impl PageSize {
    /// A4 portrait, 210 × 297 mm.
    pub const A4_PORTRAIT: PageSize = PageSize {
        width_mm: 210.0,
        height_mm: 297.0,
    };
    /// A4 landscape, 297 × 210 mm.
    pub const A4_LANDSCAPE: PageSize = PageSize {
        width_mm: 297.0,
        height_mm: 210.0,
    };

    /// Any other size (passbook pages, receipts), in mm.
    pub fn custom(width_mm: f32, height_mm: f32) -> Self {
        PageSize {
            width_mm,
            height_mm,
        }
    }
}

/// Margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    /// Top margin (page headers are drawn inside it or just below it, by the caller).
    pub top: f32,
    /// Right margin.
    pub right: f32,
    /// Bottom margin (page numbers are drawn inside it).
    pub bottom: f32,
    /// Left margin.
    pub left: f32,
}

impl Margins {
    /// The same margin on all four sides.
    pub fn all(mm: f32) -> Self {
        Margins {
            top: mm,
            right: mm,
            bottom: mm,
            left: mm,
        }
    }
}

/// Paper size plus margins: everything a page needs to know about its geometry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    /// Paper size.
    pub size: PageSize,
    /// Margins; content is laid out inside them.
    pub margins: Margins,
}

impl PageSetup {
    /// A4 portrait with the margins of a Thai official letter (about 2.5 cm left, 2 cm
    /// elsewhere).
    pub fn a4_portrait() -> Self {
        PageSetup {
            size: PageSize::A4_PORTRAIT,
            margins: Margins {
                top: 20.0,
                right: 20.0,
                bottom: 20.0,
                left: 25.0,
            },
        }
    }

    /// A4 landscape with 15 mm margins, for wide registers.
    pub fn a4_landscape() -> Self {
        PageSetup {
            size: PageSize::A4_LANDSCAPE,
            margins: Margins::all(15.0),
        }
    }

    /// Left edge of the content area, mm.
    pub fn left(&self) -> f32 {
        self.margins.left
    }

    /// Right edge of the content area, mm.
    pub fn right(&self) -> f32 {
        self.size.width_mm - self.margins.right
    }

    /// Top edge of the content area, mm.
    pub fn top(&self) -> f32 {
        self.margins.top
    }

    /// Bottom edge of the content area, mm.
    pub fn bottom(&self) -> f32 {
        self.size.height_mm - self.margins.bottom
    }

    /// Width of the content area, mm.
    pub fn content_width(&self) -> f32 {
        self.right() - self.left()
    }
}

/// One signature block: `ลงชื่อ....` over `(name)` over the position.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    /// Printed in brackets under the line; empty leaves a dotted line to fill in by hand.
    pub name: String,
    /// Position, e.g. `เหรัญญิก`; may be empty.
    pub position: String,
}

impl Signature {
    /// A block for `name` signing as `position`.
    pub fn new(name: impl Into<String>, position: impl Into<String>) -> Self {
        Signature {
            name: name.into(),
            position: position.into(),
        }
    }
}

/// Text state already set inside the page's text object, to skip redundant `Tf`/`rg`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TextState {
    font: Option<(FontStyle, f32)>,
    colour: Colour,
}

/// One page being drawn. Coordinates are millimetres from the top-left corner of the paper;
/// text positions name the top of the line box (see [`Page::text`]).
pub struct Page<'e> {
    engine: &'e Engine,
    setup: PageSetup,
    graphics: Vec<Op>,
    text: Vec<Op>,
    text_state: TextState,
}

impl<'e> Page<'e> {
    /// An empty page. Usually obtained from [`super::DocBuilder::new_page`].
    pub fn new(engine: &'e Engine, setup: PageSetup) -> Self {
        Page {
            engine,
            setup,
            graphics: Vec::new(),
            text: Vec::with_capacity(256),
            text_state: TextState {
                font: None,
                colour: Colour::BLACK,
            },
        }
    }

    /// The engine this page shapes text with.
    pub fn engine(&self) -> &'e Engine {
        self.engine
    }

    /// Paper size and margins of this page.
    pub fn setup(&self) -> &PageSetup {
        &self.setup
    }

    /// Line height of `style` in mm (at least 1.5 em).
    pub fn line_height(&self, style: &TextStyle) -> f32 {
        self.engine.line_height_mm(style.font, style.size_pt)
    }

    /// Width of `text` in `style`, mm.
    pub fn text_width(&self, text: &str, style: &TextStyle) -> f32 {
        self.engine.text_width_mm(text, style.font, style.size_pt)
    }

    /// Draws one line of text whose line box has its top at `y`, anchored at `x` according to
    /// `style.align`. Returns the width drawn, in mm. The text is not wrapped.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: &TextStyle) -> f32 {
        let run = self.engine.shape(text, style.font);
        self.draw_run(x, y, &run, style)
    }

    /// Draws an already shaped run, like [`Page::text`]. Returns the width in mm.
    pub fn draw_run(&mut self, x: f32, y: f32, run: &ShapedRun, style: &TextStyle) -> f32 {
        let width_pt = run.width_pt(style.size_pt);
        let left_pt = match style.align {
            Align::Left => x * PT_PER_MM,
            Align::Centre => x * PT_PER_MM - width_pt / 2.0,
            Align::Right => x * PT_PER_MM - width_pt,
        };
        let baseline_mm = y + self.engine.baseline_offset_pt(style.font, style.size_pt) / PT_PER_MM;
        let baseline_pt = self.pdf_y(baseline_mm);
        self.emit_run(run, left_pt, baseline_pt, style);
        width_pt / PT_PER_MM
    }

    /// Draws `text` wrapped at Thai word boundaries into a box `width` mm wide whose top is
    /// `y`; each line is aligned within the box by `style.align`. Returns the height used, mm.
    pub fn paragraph(&mut self, x: f32, y: f32, width: f32, text: &str, style: &TextStyle) -> f32 {
        let lines = self
            .engine
            .break_lines(text, style.font, style.size_pt, width);
        self.lines(x, y, width, &lines, style)
    }

    /// Draws one line of a justified paragraph filling `width` mm from `x` (see
    /// [`Engine::justified`]); the last line of a paragraph is drawn with [`Page::text`].
    /// Returns the width drawn, mm.
    pub fn justified_line(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        line: &str,
        style: &TextStyle,
    ) -> f32 {
        let run = self
            .engine
            .justified(line, style.font, style.size_pt, width);
        self.draw_run(x, y, &run, &style.align(Align::Left))
    }

    /// Draws pre-broken lines in a box (see [`Engine::break_lines`]). Returns the height, mm.
    pub fn lines(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        lines: &[String],
        style: &TextStyle,
    ) -> f32 {
        let lh = self.line_height(style);
        let anchor = match style.align {
            Align::Left => x,
            Align::Centre => x + width / 2.0,
            Align::Right => x + width,
        };
        for (i, line) in lines.iter().enumerate() {
            self.text(anchor, y + i as f32 * lh, line, style);
        }
        lh * lines.len() as f32
    }

    /// A straight line from (x1, y1) to (x2, y2), `width_pt` thick.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32) {
        self.graphics
            .push(Op::SetOutlineThickness { pt: Pt(width_pt) });
        let point = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(x * PT_PER_MM),
                y: Pt(self.pdf_y(y)),
            },
            bezier: false,
        };
        let line = Line {
            points: vec![point(x1, y1), point(x2, y2)],
            is_closed: false,
        };
        self.graphics.push(Op::DrawLine { line });
    }

    /// A horizontal rule at `y` from `x1` to `x2`.
    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, width_pt: f32) {
        self.line(x1, y, x2, y, width_pt);
    }

    /// The outline of a rectangle with its top-left corner at (x, y).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, width_pt: f32) {
        self.graphics
            .push(Op::SetOutlineThickness { pt: Pt(width_pt) });
        let rect = self.pdf_rect(x, y, w, h, PaintMode::Stroke);
        self.graphics.push(Op::DrawRectangle { rectangle: rect });
    }

    /// A filled rectangle (no outline), e.g. a table header background.
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        self.graphics.push(Op::SetFillColor {
            col: colour.to_pdf(),
        });
        let rect = self.pdf_rect(x, y, w, h, PaintMode::Fill);
        self.graphics.push(Op::DrawRectangle { rectangle: rect });
        self.graphics.push(Op::SetFillColor {
            col: Colour::BLACK.to_pdf(),
        });
    }

    /// Signature blocks side by side across the content width, starting at `y`:
    /// `ลงชื่อ.........` on the first line, `(name)` under it and the position under that, each
    /// centred in its share of the width. Returns the height used, mm.
    ///
    /// The dots are drawn as a dotted rule, not as full-stop glyphs: they look the same, cost
    /// a fraction of the glyphs (a row of dots is more glyphs than the rest of a statement),
    /// and copy-paste gives `ลงชื่อ` instead of a string of dots.
    pub fn signatures(&mut self, y: f32, blocks: &[Signature], style: &TextStyle) -> f32 {
        if blocks.is_empty() {
            return 0.0;
        }
        let slot = self.setup.content_width() / blocks.len() as f32;
        let lh = self.line_height(style);
        let centred = style.align(Align::Centre);
        let left = style.align(Align::Left);
        let right = style.align(Align::Right);
        let mut height: f32 = 0.0;
        for (i, block) in blocks.iter().enumerate() {
            let cx = self.setup.left() + slot * (i as f32 + 0.5);
            let half = slot * 0.85 / 2.0;
            let label = self.text(cx - half, y, "ลงชื่อ", &left);
            self.dotted_line(cx - half + label + 0.5, cx + half, y, style);
            if block.name.is_empty() {
                let half = slot * 0.7 / 2.0;
                let open = self.text(cx - half, y + lh, "(", &left);
                let close = self.text(cx + half, y + lh, ")", &right);
                self.dotted_line(
                    cx - half + open + 0.5,
                    cx + half - close - 0.5,
                    y + lh,
                    style,
                );
            } else {
                let name = format!("({})", block.name);
                let fitted = self.shrink_to_fit(&name, &centred, slot * 0.95);
                self.text(cx, y + lh, &name, &fitted);
            }
            let mut lines = 2.0;
            if !block.position.is_empty() {
                let fitted = self.shrink_to_fit(&block.position, &centred, slot * 0.95);
                self.text(cx, y + 2.0 * lh, &block.position, &fitted);
                lines = 3.0;
            }
            height = height.max(lines * lh);
        }
        height
    }

    /// A row of dots from `x1` to `x2` on the baseline of a line of `style` text whose line
    /// box starts at `y`, spaced and sized like typed full stops: a place to write by hand.
    pub fn dotted_line(&mut self, x1: f32, x2: f32, y: f32, style: &TextStyle) {
        if x2 <= x1 {
            return;
        }
        let size = style.size_pt;
        let dot = 0.1 * size;
        let baseline = y + self.engine.baseline_offset_pt(style.font, size) / PT_PER_MM;
        let centre = baseline - dot / 2.0 / PT_PER_MM;
        self.graphics.push(Op::SaveGraphicsState);
        self.graphics.push(Op::SetLineCapStyle {
            cap: LineCapStyle::Round,
        });
        self.graphics.push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, &[0.0, 0.25 * size]),
        });
        self.line(x1, centre, x2, centre, dot);
        self.graphics.push(Op::RestoreGraphicsState);
    }

    /// `style`, made smaller (down to 70 %) if `text` would be wider than `width` mm, so long
    /// names in side-by-side signature blocks do not run into each other.
    fn shrink_to_fit(&self, text: &str, style: &TextStyle, width: f32) -> TextStyle {
        let natural = self.text_width(text, style);
        if natural <= width {
            return *style;
        }
        style.size((style.size_pt * width / natural).max(style.size_pt * 0.7))
    }

    /// Converts a y in mm from the top into PDF points from the bottom.
    fn pdf_y(&self, y_mm: f32) -> f32 {
        (self.setup.size.height_mm - y_mm) * PT_PER_MM
    }

    fn pdf_rect(&self, x: f32, y: f32, w: f32, h: f32, mode: PaintMode) -> Rect {
        Rect {
            x: Pt(x * PT_PER_MM),
            y: Pt(self.pdf_y(y + h)),
            width: Pt(w * PT_PER_MM),
            height: Pt(h * PT_PER_MM),
            mode: Some(mode),
            winding_order: Some(WindingOrder::NonZero),
        }
    }

    /// Appends one run to the text object: an `/ActualText` span (exact copy-paste) around
    /// one `Tm` + `TJ` per baseline segment. printpdf's serializer turns consecutive
    /// same-baseline segments into a single `TJ`.
    fn emit_run(&mut self, run: &ShapedRun, left_pt: f32, baseline_pt: f32, style: &TextStyle) {
        if run.is_empty() {
            return;
        }
        self.set_text_state(run.style(), style);
        self.text.push(actual_text(&run.actual_text));
        let k = style.size_pt / run.units_per_em() as f32;
        for seg in &run.segments {
            let x = round_centi(left_pt + seg.x as f32 * k);
            let y = round_centi(baseline_pt + seg.y as f32 * k);
            self.text.push(Op::SetTextMatrix {
                matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, x, y]),
            });
            self.text.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(seg.glyphs.clone())],
            });
        }
        self.text.push(Op::EndMarkedContent);
    }

    fn set_text_state(&mut self, font: FontStyle, style: &TextStyle) {
        if self.text_state.font != Some((font, style.size_pt)) {
            self.text.push(Op::SetFont {
                font: PdfFontHandle::External(font.resource_id()),
                size: Pt(style.size_pt),
            });
            self.text_state.font = Some((font, style.size_pt));
        }
        if self.text_state.colour != style.colour {
            self.text.push(Op::SetFillColor {
                col: style.colour.to_pdf(),
            });
            self.text_state.colour = style.colour;
        }
    }

    /// Turns the page into printpdf's representation: graphics in `q … Q`, then one text
    /// object.
    pub(crate) fn into_pdf_page(self) -> PdfPage {
        let mut ops = Vec::with_capacity(self.graphics.len() + self.text.len() + 4);
        if !self.graphics.is_empty() {
            ops.push(Op::SaveGraphicsState);
            ops.extend(self.graphics);
            ops.push(Op::RestoreGraphicsState);
        }
        if !self.text.is_empty() {
            ops.push(Op::StartTextSection);
            ops.extend(self.text);
            ops.push(Op::EndTextSection);
        }
        let size = self.setup.size;
        PdfPage::new(Mm(size.width_mm), Mm(size.height_mm), ops)
    }
}

/// Rounds a coordinate to 1/100 pt (0.0035 mm): invisible, and short numbers keep content
/// streams small and quick to write.
fn round_centi(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// `/Span <</ActualText <FEFF…>>> BDC`: tells extractors the exact source text of the run,
/// which ToUnicode alone cannot (HarfBuzz splits สระอำ, reorders marks and ligates them).
fn actual_text(utf16: &[u8]) -> Op {
    let map = [(
        "ActualText".to_string(),
        // Literal rather than hex halves the bytes; lopdf escapes `\\`, `\r` and parentheses.
        DictItem::String {
            data: utf16.to_vec(),
            literal: true,
        },
    )]
    .into();
    Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: DictItem::Dict { map },
    }
}
