//! [`Table`]: columns with widths and alignment, rows that flow over pages with the header
//! repeated on each page.

use super::doc::DocBuilder;
use super::error::{PrintError, Result};
use super::page::{Align, Colour, Page, TextStyle};

/// Tolerance for "fits" comparisons in mm, so rounding never pushes a row to the next page.
const EPSILON_MM: f32 = 0.01;

/// One column: header text, width and how its cells are aligned.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text (may contain `\n` for a two-line header; long headers wrap).
    pub header: String,
    /// Width in mm.
    pub width_mm: f32,
    /// Alignment of body cells; headers are always centred.
    pub align: Align,
}

impl Column {
    /// A column `width_mm` wide with cells aligned `align`.
    pub fn new(header: impl Into<String>, width_mm: f32, align: Align) -> Self {
        Column {
            header: header.into(),
            width_mm,
            align,
        }
    }

    /// A left-aligned text column.
    pub fn left(header: impl Into<String>, width_mm: f32) -> Self {
        Column::new(header, width_mm, Align::Left)
    }

    /// A right-aligned amount column.
    pub fn right(header: impl Into<String>, width_mm: f32) -> Self {
        Column::new(header, width_mm, Align::Right)
    }

    /// A centred column (numbers of order, dates).
    pub fn centre(header: impl Into<String>, width_mm: f32) -> Self {
        Column::new(header, width_mm, Align::Centre)
    }
}

/// What kind of row: body rows are regular; totals are bold with a rule above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// An ordinary row.
    Body,
    /// A totals row (`รวม`): bold, ruled off from the rows above.
    Total,
}

/// Look of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableStyle {
    /// Font size of header and cells, pt.
    pub size_pt: f32,
    /// Space between cell text and the cell edge, left/right, mm.
    pub padding_mm: f32,
    /// Space above and below the text of a row, mm.
    pub row_padding_mm: f32,
    /// Background of the header row, if any.
    pub header_fill: Option<Colour>,
    /// Thickness of the outer box and header rule, pt.
    pub rule_pt: f32,
    /// Draw a thin rule under every body row.
    pub row_rules: bool,
    /// Draw vertical rules between columns.
    pub column_rules: bool,
}

impl Default for TableStyle {
    fn default() -> Self {
        TableStyle {
            size_pt: 14.0,
            padding_mm: 1.5,
            row_padding_mm: 0.4,
            header_fill: Some(Colour::LIGHT_GREY),
            rule_pt: 0.8,
            row_rules: true,
            column_rules: true,
        }
    }
}

/// A table: column specs plus rows of already formatted strings (amounts come formatted, so
/// the engine never touches money).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    columns: Vec<Column>,
    rows: Vec<(RowKind, Vec<String>)>,
    /// How the table looks.
    pub style: TableStyle,
    /// Room (mm) kept free below the table on the page of its last rows: what follows the
    /// figures and must stay with them (the signatures). The last [`KEPT_ROWS`] rows move to a
    /// new page together when the table's end and this room do not fit, so nothing that
    /// follows is ever alone on a page.
    pub keep_below_mm: f32,
}

/// Rows of a table that go to a new page with what is kept below it ([`Table::keep_below_mm`]).
pub const KEPT_ROWS: usize = 3;

impl Table {
    /// An empty table with these columns and the default style.
    pub fn new(columns: Vec<Column>) -> Self {
        Table {
            columns,
            rows: Vec::new(),
            style: TableStyle::default(),
            keep_below_mm: 0.0,
        }
    }

    /// Appends a body row. Missing cells are left empty; extra cells are ignored.
    pub fn row<I, S>(&mut self, cells: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.push(RowKind::Body, cells)
    }

    /// Appends a totals row.
    pub fn total_row<I, S>(&mut self, cells: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.push(RowKind::Total, cells)
    }

    /// The columns.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Number of rows, header excluded.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Total width, mm.
    pub fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.width_mm).sum()
    }

    fn push<I, S>(&mut self, kind: RowKind, cells: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut cells: Vec<String> = cells.into_iter().map(Into::into).collect();
        cells.resize(self.columns.len(), String::new());
        self.rows.push((kind, cells));
        self
    }

    /// Draws the table into `doc` starting at (`x`, `y`) on the last page (a page is started
    /// if there is none). When a row does not fit above the bottom margin, a new page is
    /// started, `on_new_page` draws its page header and returns the y where the table may
    /// continue, and the header row is repeated. Returns the y just below the table.
    ///
    /// # Errors
    /// [`PrintError::Layout`] if the table is wider than the page or a row (with the header)
    /// does not fit on an empty page.
    pub fn draw(
        &self,
        doc: &mut DocBuilder<'_>,
        x: f32,
        y: f32,
        on_new_page: &mut dyn FnMut(&mut Page<'_>) -> f32,
    ) -> Result<f32> {
        let setup = *doc.setup();
        if x + self.width() > setup.size.width_mm + EPSILON_MM {
            return Err(PrintError::Layout(format!(
                "ตารางกว้าง {:.0} มม. เกินหน้ากระดาษ — ลดความกว้างของคอลัมน์",
                self.width()
            )));
        }
        let engine = doc.engine();
        let header = self.lay_out_header(engine);
        let mut y = y;
        if doc.page_count() == 0 {
            y = on_new_page(doc.new_page());
        }
        let first = self.rows.first().map_or(0.0, |(kind, cells)| {
            self.lay_out_row(engine, *kind, cells).height
        });
        let mut flow = Flow {
            table: self,
            x,
            top: y,
            y,
        };
        if y + header.height + first > setup.bottom() + EPSILON_MM {
            flow.next_page(doc, &header, first, on_new_page)?;
        } else {
            flow.draw_row(last_page(doc)?, &header, true);
        }
        let kept = self.kept_rows(engine);
        for (i, (kind, cells)) in self.rows.iter().enumerate() {
            let row = self.lay_out_row(engine, *kind, cells);
            // The table's last rows and the room kept below them, from row `i` on.
            let end = kept
                .as_ref()
                .filter(|(first, _)| i >= *first)
                .map(|(first, heights)| {
                    heights[i - first..].iter().sum::<f32>() + self.keep_below_mm
                });
            let keep_together = end.is_some_and(|h| {
                i > 0
                    && flow.y + h > setup.bottom() + EPSILON_MM
                    && flow.top + header.height + h <= setup.bottom() + EPSILON_MM
                    && flow.y > flow.top + header.height + EPSILON_MM
            });
            if keep_together || flow.y + row.height > setup.bottom() + EPSILON_MM {
                flow.close(last_page(doc)?);
                flow.next_page(doc, &header, row.height, on_new_page)?;
            }
            flow.draw_row(last_page(doc)?, &row, false);
        }
        flow.close(last_page(doc)?);
        Ok(flow.y)
    }

    /// The first of the rows kept with [`Table::keep_below_mm`] and their heights, when room
    /// is kept.
    fn kept_rows(&self, engine: &super::Engine) -> Option<(usize, Vec<f32>)> {
        if self.keep_below_mm <= 0.0 || self.rows.is_empty() {
            return None;
        }
        let first = self.rows.len().saturating_sub(KEPT_ROWS);
        let heights = self.rows[first..]
            .iter()
            .map(|(kind, cells)| self.lay_out_row(engine, *kind, cells).height)
            .collect();
        Some((first, heights))
    }

    fn lay_out_header(&self, engine: &super::Engine) -> LaidRow {
        let style = TextStyle::new(self.style.size_pt).bold();
        let cells = self
            .columns
            .iter()
            .map(|c| self.cell_lines(engine, &c.header, &style, c.width_mm))
            .collect();
        self.finish_row(engine, RowKind::Body, cells, style, true)
    }

    fn lay_out_row(&self, engine: &super::Engine, kind: RowKind, cells: &[String]) -> LaidRow {
        let mut style = TextStyle::new(self.style.size_pt);
        if kind == RowKind::Total {
            style = style.bold();
        }
        let lines = self
            .columns
            .iter()
            .zip(cells)
            .map(|(c, text)| self.cell_lines(engine, text, &style, c.width_mm))
            .collect();
        self.finish_row(engine, kind, lines, style, false)
    }

    fn cell_lines(
        &self,
        engine: &super::Engine,
        text: &str,
        style: &TextStyle,
        width: f32,
    ) -> Vec<String> {
        let inner = (width - 2.0 * self.style.padding_mm).max(1.0);
        engine.break_lines(text, style.font, style.size_pt, inner)
    }

    fn finish_row(
        &self,
        engine: &super::Engine,
        kind: RowKind,
        cells: Vec<Vec<String>>,
        style: TextStyle,
        header: bool,
    ) -> LaidRow {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let lh = engine.line_height_mm(style.font, style.size_pt);
        LaidRow {
            kind,
            height: lines as f32 * lh + 2.0 * self.style.row_padding_mm,
            line_height: lh,
            cells,
            style,
            header,
        }
    }
}

/// A row broken into lines per cell, with its height.
struct LaidRow {
    kind: RowKind,
    height: f32,
    line_height: f32,
    cells: Vec<Vec<String>>,
    style: TextStyle,
    header: bool,
}

/// Where the table is on the current page.
struct Flow<'t> {
    table: &'t Table,
    x: f32,
    /// Top of the table's part on this page (top of the header row).
    top: f32,
    y: f32,
}

impl Flow<'_> {
    /// Starts a new page: page header by the caller, then the repeated table header.
    fn next_page(
        &mut self,
        doc: &mut DocBuilder<'_>,
        header: &LaidRow,
        row_height: f32,
        on_new_page: &mut dyn FnMut(&mut Page<'_>) -> f32,
    ) -> Result<()> {
        let bottom = doc.setup().bottom();
        let page = doc.new_page();
        let y = on_new_page(page);
        if y + header.height + row_height > bottom + EPSILON_MM {
            return Err(PrintError::Layout(
                "แถวของตารางสูงเกินหนึ่งหน้า — ย่อข้อความในช่องหรือลดขนาดตัวอักษร".to_string(),
            ));
        }
        self.top = y;
        self.y = y;
        self.draw_row(page, header, true);
        Ok(())
    }

    fn draw_row(&mut self, page: &mut Page<'_>, row: &LaidRow, header: bool) {
        let t = self.table;
        let width = t.width();
        if header {
            if let Some(fill) = t.style.header_fill {
                page.fill_rect(self.x, self.y, width, row.height, fill);
            }
        } else if row.kind == RowKind::Total {
            page.hline(self.x, self.x + width, self.y, t.style.rule_pt);
        }
        let mut cx = self.x;
        for (col, lines) in t.columns.iter().zip(&row.cells) {
            let align = if row.header { Align::Centre } else { col.align };
            let anchor = match align {
                Align::Left => cx + t.style.padding_mm,
                Align::Centre => cx + col.width_mm / 2.0,
                Align::Right => cx + col.width_mm - t.style.padding_mm,
            };
            let style = row.style.align(align);
            for (i, line) in lines.iter().enumerate() {
                let ly = self.y + t.style.row_padding_mm + i as f32 * row.line_height;
                page.text(anchor, ly, line, &style);
            }
            cx += col.width_mm;
        }
        self.y += row.height;
        if header {
            page.hline(self.x, self.x + width, self.y, t.style.rule_pt);
        } else if t.style.row_rules && row.kind == RowKind::Body {
            page.hline(self.x, self.x + width, self.y, 0.3);
        }
    }

    /// Draws the box and column rules around the part of the table on this page.
    fn close(&self, page: &mut Page<'_>) {
        let t = self.table;
        let height = self.y - self.top;
        if height <= 0.0 {
            return;
        }
        page.rect(self.x, self.top, t.width(), height, t.style.rule_pt);
        if t.style.column_rules {
            let mut cx = self.x;
            for col in &t.columns[..t.columns.len().saturating_sub(1)] {
                cx += col.width_mm;
                page.line(cx, self.top, cx, self.y, 0.4);
            }
        }
    }
}

fn last_page<'d, 'e>(doc: &'d mut DocBuilder<'e>) -> Result<&'d mut Page<'e>> {
    doc.last_page_mut()
        .ok_or_else(|| PrintError::Layout("ยังไม่มีหน้าเอกสาร".to_string()))
}
