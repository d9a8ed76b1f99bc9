//! Running text down A4 pages: the minutes, contracts, the application form and the
//! regulation are paragraphs and lines set one under the other, a new page started when the
//! next block does not fit. Paragraphs are justified and broken only at Thai word boundaries
//! (the engine's ICU line breaker).

use super::common::Look;
use crate::print::{DocBuilder, Signature, TextStyle};

/// Lays out lines top to bottom, starting a new page when the next block does not fit.
pub(crate) struct Flow<'d, 'e> {
    pub(crate) doc: &'d mut DocBuilder<'e>,
    pub(crate) y: f32,
    pub(crate) style: TextStyle,
    pub(crate) lh: f32,
    /// Space left at the top of continuation pages (for a page number), in lines.
    pub(crate) head_lines: f32,
}

impl<'d, 'e> Flow<'d, 'e> {
    /// Starts a new page of `doc` and writes from its top, in `style`.
    pub(crate) fn new(doc: &'d mut DocBuilder<'e>, style: TextStyle) -> Self {
        let top = doc.setup().top();
        doc.new_page();
        let lh = doc.engine().line_height_mm(style.font, style.size_pt);
        Flow {
            doc,
            y: top,
            style,
            lh,
            head_lines: 1.0,
        }
    }

    pub(crate) fn left(&self) -> f32 {
        self.doc.setup().left()
    }

    pub(crate) fn width(&self) -> f32 {
        self.doc.setup().content_width()
    }

    /// Starts the next page.
    pub(crate) fn page_break(&mut self) {
        self.doc.new_page();
        self.y = self.doc.setup().top() + self.lh * self.head_lines;
    }

    /// Makes room for `lines` lines, on a new page if needed.
    pub(crate) fn room(&mut self, lines: usize) {
        self.room_mm(self.lh * lines as f32);
    }

    /// Makes room for `mm` millimetres, on a new page if needed.
    pub(crate) fn room_mm(&mut self, mm: f32) {
        if self.y + mm > self.doc.setup().bottom() {
            self.page_break();
        }
    }

    /// One line at `indent` mm, in `style`.
    pub(crate) fn line(&mut self, indent: f32, text: &str, style: &TextStyle) {
        self.room(1);
        let x = self.left() + indent;
        let lh = self.doc.engine().line_height_mm(style.font, style.size_pt);
        if let Some(page) = self.doc.last_page_mut() {
            page.text(x, self.y, text, style);
        }
        self.y += lh.max(self.lh);
    }

    /// A label at `indent` and a value starting at `tab` on the same line.
    pub(crate) fn tabbed(&mut self, indent: f32, label: &str, tab: f32, value: &str) {
        self.room(1);
        let x = self.left();
        let style = self.style;
        if let Some(page) = self.doc.last_page_mut() {
            page.text(x + indent, self.y, label, &style);
            page.text(x + tab, self.y, value, &style);
        }
        self.y += self.lh;
    }

    /// A justified paragraph from `indent` to the right margin; its first line starts
    /// `first` mm further in (the Thai paragraph indent). `\n` starts a new paragraph.
    pub(crate) fn paragraph(&mut self, indent: f32, first: f32, text: &str) {
        let style = self.style;
        self.paragraph_in(indent, first, text, &style);
    }

    /// [`Flow::paragraph`] in another style (bold headings that wrap).
    pub(crate) fn paragraph_in(&mut self, indent: f32, first: f32, text: &str, style: &TextStyle) {
        let style = *style;
        let lh = self
            .doc
            .engine()
            .line_height_mm(style.font, style.size_pt)
            .max(self.lh);
        for para in text.split('\n') {
            let width = self.width() - indent;
            let engine = self.doc.engine();
            // Break the first line at the indented width, the rest at the full width.
            let first_lines = engine.break_lines(para, style.font, style.size_pt, width - first);
            let Some(head) = first_lines.first().cloned() else {
                continue;
            };
            let rest_text = para[para.find(head.as_str()).map_or(0, |i| i + head.len())..]
                .trim_start()
                .to_string();
            let mut lines = vec![(first, head)];
            if !rest_text.is_empty() {
                for l in engine.break_lines(&rest_text, style.font, style.size_pt, width) {
                    lines.push((0.0, l));
                }
            }
            let last = lines.len() - 1;
            for (i, (shift, line)) in lines.into_iter().enumerate() {
                self.room_mm(lh);
                let x = self.left() + indent + shift;
                let w = width - shift;
                let y = self.y;
                if let Some(page) = self.doc.last_page_mut() {
                    if i < last {
                        page.justified_line(x, y, w, &line, &style);
                    } else {
                        page.text(x, y, &line, &style);
                    }
                }
                self.y += lh;
            }
        }
    }

    /// `label` at `indent`, then `text` wrapped after it (its first line beside the label,
    /// the rest under it from `indent`): มติที่ประชุม …, ข้อ ๑ …
    pub(crate) fn labelled(
        &mut self,
        indent: f32,
        label: &str,
        label_style: &TextStyle,
        text: &str,
    ) {
        self.room(1);
        let body = self.style;
        let y = self.y;
        let x = self.left() + indent;
        let w = match self.doc.last_page_mut() {
            Some(page) => page.text(x, y, label, label_style),
            None => 0.0,
        };
        let engine = self.doc.engine();
        let room = self.width() - indent - w - 3.0;
        let lines = engine.break_lines(text, body.font, body.size_pt, room);
        let first = lines.first().cloned().unwrap_or_default();
        let rest = text[text.find(first.as_str()).map_or(0, |i| i + first.len())..]
            .trim_start()
            .to_string();
        if let Some(page) = self.doc.last_page_mut() {
            if rest.is_empty() {
                page.text(x + w + 3.0, y, &first, &body);
            } else {
                page.justified_line(x + w + 3.0, y, room, &first, &body);
            }
        }
        self.y += self.lh;
        if !rest.is_empty() {
            self.paragraph(indent, 0.0, &rest);
        }
    }

    /// The numbered clauses of a contract or form, `ข้อ 1` … in the group's digits, each a
    /// little apart from the one before.
    pub(crate) fn clauses(&mut self, look: &Look, clauses: &[String]) {
        let body = self.style;
        for (i, c) in clauses.iter().enumerate() {
            self.gap(1.0);
            self.labelled(15.0, &look.num(format!("ข้อ {}", i + 1)), &body, c);
        }
    }

    /// Signature blocks side by side, kept together on one page.
    pub(crate) fn signatures(&mut self, blocks: &[Signature]) {
        self.room(3);
        let y = self.y;
        let style = self.style;
        let h = match self.doc.last_page_mut() {
            Some(page) => page.signatures(y, blocks, &style),
            None => 0.0,
        };
        self.y += h;
    }

    pub(crate) fn gap(&mut self, mm: f32) {
        self.y += mm;
    }
}
