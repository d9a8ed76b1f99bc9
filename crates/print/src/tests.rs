//! Tests of the print engine against the PDF itself, Debian's `hb-shape` and `pdftotext`.
//!
//! The external tools are required (CI installs `libharfbuzz-bin` and `poppler-utils`): when
//! one is missing the test fails and says what to install, it never skips silently.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::*;

/// Tone marks over narrow and tall consonants, สระอำ, ญ/ฐ without their descenders, stacked
/// marks, and names long enough to wrap.
const CORPUS: &[&str] = &[
    "ปี่",
    "ปี้",
    "ปี๊",
    "ปี๋",
    "ที่",
    "นี้",
    "น้ำ",
    "ป่ำ",
    "ญู",
    "ฐุ",
    "ฎุ",
    "ปู่",
    "ฝั่ง",
    "ฟ้า",
    "สัจจะ",
    "ผู้ใหญ่บ้าน",
    "นางสาวปิ่นแก้ว ศรีสุวรรณวงศ์",
    "นายสมศักดิ์ ใจดีเลิศล้ำ",
    "นางบุญเรือน ฤทธิ์ฤๅชัย",
    "1,234,567.89",
];

const PARAGRAPH: &str = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านแม่ตึบหลวงก่อตั้งขึ้นเมื่อปีพุทธศักราช ๒๕๓๐ \
โดยการสนับสนุนของกรมการพัฒนาชุมชน สมาชิกฝากเงินสัจจะสะสมเป็นประจำทุกเดือนอย่างสม่ำเสมอ \
และกู้ยืมเงินไปใช้ในการประกอบอาชีพ ผลการดำเนินงานประจำปีมีกำไรสุทธิซึ่งจัดสรรเป็นเงินปันผล\
และเฉลี่ยคืนแก่สมาชิกตามระเบียบของกลุ่ม";

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("the embedded fonts load"))
}

/// A fresh, empty scratch directory for one test.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sajja-print-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn font_path(style: FontStyle) -> String {
    format!(
        "{}/../../assets/fonts/{}.ttf",
        env!("CARGO_MANIFEST_DIR"),
        style.postscript_name()
    )
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Runs `pdftotext` (poppler-utils) on `path`, for pages `first..=last` if given.
fn pdftotext(path: &Path, pages: Option<(usize, usize)>) -> String {
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let out = cmd.arg(path).arg("-").output().unwrap_or_else(|e| {
        panic!("pdftotext could not be run ({e}): install poppler-utils (CI installs it)")
    });
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout).expect("pdftotext prints UTF-8")
}

/// One glyph as `hb-shape` places it: id and origin in font units relative to the run origin.
#[derive(Debug, Clone, Copy, PartialEq)]
struct HbGlyph {
    gid: u16,
    x: i32,
    y: i32,
}

/// Shapes `text` with Debian's `hb-shape` at a size equal to the font's units per em, so
/// positions come out in font units. Parses the default text output:
/// `[gid=cluster@dx,dy+ax|…]` (`@…` only when an offset is non-zero).
fn hb_shape(style: FontStyle, text: &str, upem: i32) -> Vec<HbGlyph> {
    let out = Command::new("hb-shape")
        .arg(format!("--font-size={upem}"))
        .arg("--no-glyph-names")
        .arg(font_path(style))
        .arg(text)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "hb-shape could not be run ({e}): install libharfbuzz-bin \
                 (Debian's HarfBuzz tools; CI installs it) — this test compares against it"
            )
        });
    assert!(out.status.success(), "hb-shape failed: {out:?}");
    let line = String::from_utf8(out.stdout).expect("hb-shape prints UTF-8");
    let line = line.trim().trim_start_matches('[').trim_end_matches(']');
    let mut pen = 0;
    line.split('|')
        .map(|item| {
            let (gid, rest) = item.split_once('=').expect("gid=…");
            let (pos, advance) = rest.split_once('+').expect("…+advance");
            let (dx, dy) = match pos.split_once('@') {
                Some((_, offsets)) => {
                    let (dx, dy) = offsets.split_once(',').expect("@dx,dy");
                    (dx.parse().expect("dx"), dy.parse().expect("dy"))
                }
                None => (0, 0),
            };
            let ax: i32 = advance
                .split(',')
                .next()
                .and_then(|a| a.parse().ok())
                .expect("advance");
            let glyph = HbGlyph {
                gid: gid.parse().expect("numeric gid"),
                x: pen + dx,
                y: dy,
            };
            pen += ax;
            glyph
        })
        .collect()
}

/// Something drawn on the test page, with where it was asked to go.
struct Drawn {
    text: &'static str,
    style: TextStyle,
    x: f32,
    y: f32,
}

/// Draws the corpus twice (16 pt regular and 28 pt bold), left-aligned, one item per line.
fn corpus_doc(compress: bool) -> (DocBuilder<'static>, Vec<Drawn>) {
    let mut doc = DocBuilder::new(engine(), PageSetup::a4_portrait());
    doc.set_compress(compress);
    let mut drawn = Vec::new();
    for style in [TextStyle::new(16.0), TextStyle::new(28.0).bold()] {
        let page = doc.new_page();
        let mut y = page.setup().top();
        for &text in CORPUS {
            let x = page.setup().left() + 3.0;
            page.text(x, y, text, &style);
            drawn.push(Drawn { text, style, x, y });
            y += page.line_height(&style);
        }
    }
    (doc, drawn)
}

// ---------------------------------------------------------------------------------------
// (1) The HarfBuzz test: glyph ids and positions recovered from the PDF equal hb-shape's.
// ---------------------------------------------------------------------------------------

#[test]
fn glyphs_in_pdf_match_hb_shape() {
    let (doc, drawn) = corpus_doc(false);
    let height_mm = doc.setup().size.height_mm;
    let bytes = doc.to_bytes().expect("serialise");
    let pdf = pdf::Document::parse(&bytes);
    let spans: Vec<pdf::Span> = (0..pdf.page_count())
        .flat_map(|p| pdf.page_spans(p))
        .collect();
    assert_eq!(
        spans.len(),
        drawn.len(),
        "one ActualText span per drawn run"
    );

    let (mut glyphs, mut max_dev) = (0usize, 0.0f64);
    for (span, d) in spans.iter().zip(&drawn) {
        assert_eq!(span.text, d.text, "ActualText carries the source text");
        let upem = engine().shaper(d.style.font).face.upem;
        let expected = hb_shape(d.style.font, d.text, upem);
        assert_eq!(
            span.glyphs.iter().map(|g| g.gid).collect::<Vec<_>>(),
            expected.iter().map(|g| g.gid).collect::<Vec<_>>(),
            "glyph ids of {:?} at {} pt",
            d.text,
            d.style.size_pt
        );
        let k = f64::from(d.style.size_pt) / f64::from(upem);
        let x0 = f64::from(d.x * PT_PER_MM);
        let baseline_mm =
            d.y + engine().baseline_offset_pt(d.style.font, d.style.size_pt) / PT_PER_MM;
        let y0 = f64::from((height_mm - baseline_mm) * PT_PER_MM);
        for (got, want) in span.glyphs.iter().zip(&expected) {
            let dx = (got.x - (x0 + f64::from(want.x) * k)).abs();
            let dy = (got.y - (y0 + f64::from(want.y) * k)).abs();
            assert!(
                dx <= 0.5 && dy <= 0.5,
                "{:?} glyph {} at {} pt is off by ({dx:.3}, {dy:.3}) pt",
                d.text,
                want.gid,
                d.style.size_pt
            );
            max_dev = max_dev.max(dx).max(dy);
            glyphs += 1;
        }
    }
    eprintln!("hb-shape comparison: {glyphs} glyphs, max deviation {max_dev:.4} pt");
    assert!(glyphs > 200, "the corpus was drawn ({glyphs} glyphs)");
}

#[test]
fn vertical_offsets_get_their_own_text_matrix() {
    // Sarabun lowers the tone mark of ฝั่ง; a glyph with a y offset must not sit on the
    // baseline of its neighbours.
    let run = engine().shape("ฝั่ง", FontStyle::Regular);
    let with_dy = run.glyphs().iter().filter(|g| g.y_offset != 0).count();
    let baselines: HashSet<i32> = run.segments.iter().map(|s| s.y).collect();
    assert_eq!(baselines.len() > 1, with_dy > 0, "{:?}", run.glyphs());
}

// ---------------------------------------------------------------------------------------
// (2) Copy-paste: pdftotext returns the source strings exactly.
// ---------------------------------------------------------------------------------------

#[test]
fn pdftotext_returns_source_text() {
    let dir = scratch_dir("pdftotext");
    for compress in [false, true] {
        let (mut doc, _) = corpus_doc(compress);
        let page = doc.new_page();
        let (left, width) = (page.setup().left(), page.setup().content_width());
        let used = page.paragraph(left, 30.0, width * 0.6, PARAGRAPH, &TextStyle::new(16.0));
        assert!(used > 30.0, "the paragraph wrapped onto several lines");
        let path = dir.join(format!("text-{compress}.pdf"));
        doc.write(&path).expect("write");
        let text = strip_ws(&pdftotext(&path, None));
        for word in CORPUS {
            assert!(
                text.contains(&strip_ws(word)),
                "{word:?} not found exactly (compress={compress}) in:\n{text}"
            );
        }
        assert!(
            text.contains(&strip_ws(PARAGRAPH)),
            "paragraph not found exactly (compress={compress})"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------------------------------
// (3) Line breaking at Thai word boundaries; protected names stay whole.
// ---------------------------------------------------------------------------------------

#[test]
fn lines_break_only_at_word_boundaries() {
    let names = ["นางสาวปิ่นแก้ว ศรีสุวรรณวงศ์", "นายสมศักดิ์ ใจดีเลิศล้ำ"];
    let original = format!(
        "ที่ประชุมมีมติให้ {} เป็นเหรัญญิก และให้ {} เป็นผู้ตรวจสอบบัญชี {PARAGRAPH}",
        names[0], names[1]
    );
    let protected = format!(
        "ที่ประชุมมีมติให้ {} เป็นเหรัญญิก และให้ {} เป็นผู้ตรวจสอบบัญชี {PARAGRAPH}",
        engine().protect(names[0]),
        engine().protect(names[1])
    );
    // The reference: a separately constructed LSTM segmenter on the unprotected text.
    let lstm = icu_segmenter::LineSegmenter::new_lstm(Default::default());
    let allowed: HashSet<usize> = lstm.segment_str(&original).collect();

    let widest_name = names
        .iter()
        .map(|n| engine().text_width_mm(n, FontStyle::Regular, 16.0))
        .fold(0.0, f32::max);
    for width in [30.0, 42.0, 55.0, 65.0, 80.0, 120.0] {
        let lines = engine().break_lines(&protected, FontStyle::Regular, 16.0, width);
        assert!(lines.len() > 3, "{width} mm gives several lines");
        let mut at = 0;
        for line in &lines {
            let line = line.replace(WORD_JOINER, "");
            assert!(
                original[at..].starts_with(&line),
                "lines rebuild the text: {line:?} at {at}"
            );
            at += line.len();
            at += original[at..].len() - original[at..].trim_start().len();
            assert!(
                allowed.contains(&at),
                "break inside a word: …{:?}|{:?}… ({width} mm)",
                &line[line.len().saturating_sub(12)..],
                original[at..].chars().take(6).collect::<String>()
            );
            let w = engine().text_width_mm(&line, FontStyle::Regular, 16.0);
            assert!(
                w <= width + 0.01,
                "{line:?} is {w:.1} mm in a {width} mm box"
            );
        }
        assert_eq!(at, original.len(), "nothing lost");
        // A name wider than the box has to break (at its own word boundaries, checked above).
        if width < widest_name {
            continue;
        }
        for name in names {
            assert!(
                lines
                    .iter()
                    .any(|l| l.replace(WORD_JOINER, "").contains(name)),
                "{name:?} kept whole at {width} mm: {lines:#?}"
            );
        }
    }
}

#[test]
fn protected_name_has_no_inner_break() {
    for name in ["นางสาวปิ่นแก้ว ศรีสุวรรณวงศ์", "นายสมศักดิ์ ใจดีเลิศล้ำ", "ผู้ใหญ่บ้าน"]
    {
        let p = engine().protect(name);
        assert_eq!(p.replace(WORD_JOINER, ""), name);
        let inner: Vec<usize> = engine()
            .break_opportunities(&p)
            .iter()
            .copied()
            .filter(|&b| b > 0 && b < p.len())
            .collect();
        assert!(inner.is_empty(), "{name:?} still breaks at {inner:?}");
    }
}

#[test]
fn word_wider_than_box_is_split_between_clusters() {
    let lines = engine().break_lines("ศรีสุวรรณวงศ์", FontStyle::Regular, 16.0, 8.0);
    assert!(lines.len() > 1);
    assert_eq!(lines.concat(), "ศรีสุวรรณวงศ์");
    for line in &lines {
        let first = line.chars().next().expect("non-empty line");
        assert!(
            !('\u{0E31}'..='\u{0E3A}').contains(&first)
                && !('\u{0E47}'..='\u{0E4E}').contains(&first),
            "a line starts with a combining mark: {lines:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// (4) Tables: header repeated on every page, หน้า x/y with the real total.
// ---------------------------------------------------------------------------------------

#[test]
fn table_flows_over_pages_with_header_and_page_numbers() {
    let mut doc = DocBuilder::new(engine(), PageSetup::a4_portrait());
    let mut table = Table::new(vec![
        Column::centre("ลำดับที่", 20.0),
        Column::left("รายการรับจ่าย", 90.0),
        Column::right("จำนวนเงิน", 45.0),
    ]);
    let rows = 70;
    for i in 1..=rows {
        table.row([i.to_string(), format!("รายการที่ {i}"), format!("{i},250.00")]);
    }
    table.total_row(["", "รวมทั้งสิ้น", "87,500.00"]);
    let header = |page: &mut Page<'_>| {
        let s = *page.setup();
        page.text(s.left(), s.top(), "สมุดเงินสด", &TextStyle::new(18.0).bold());
        s.top() + 12.0
    };
    let top = header(doc.new_page());
    let end = doc.table(&table, 25.0, top, header).expect("table fits");
    assert!(end > top);
    assert_eq!(doc.page_count(), 3, "70 rows at 14 pt take three A4 pages");
    doc.number_pages(Align::Centre);

    let dir = scratch_dir("table");
    let path = dir.join("table.pdf");
    doc.write(&path).expect("write");
    let mut seen = Vec::new();
    for p in 1..=3 {
        let text = pdftotext(&path, Some((p, p)));
        for label in ["สมุดเงินสด", "ลำดับที่", "รายการรับจ่าย", "จำนวนเงิน"]
        {
            assert!(text.contains(label), "page {p} repeats {label:?}:\n{text}");
        }
        assert!(
            text.contains(&format!("หน้า {p}/3")),
            "page {p} footer:\n{text}"
        );
        seen.extend(
            text.split("รายการที่ ")
                .skip(1)
                .filter_map(|s| s.split_whitespace().next()?.parse::<usize>().ok()),
        );
    }
    assert_eq!(
        seen,
        (1..=rows).collect::<Vec<_>>(),
        "every row once, in order"
    );
    let last = pdftotext(&path, Some((3, 3)));
    assert!(last.contains("รวมทั้งสิ้น") && last.contains("87,500.00"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn amounts_share_a_right_edge() {
    let mut doc = DocBuilder::new(engine(), PageSetup::a4_portrait());
    doc.set_compress(false);
    let page = doc.new_page();
    let style = TextStyle::new(14.0).align(Align::Right);
    for (i, amount) in ["1.00", "12,345.67", "(250.50)", "๑๒๓.๐๐"]
        .iter()
        .enumerate()
    {
        page.text(150.0, 30.0 + i as f32 * 8.0, amount, &style);
    }
    let bytes = doc.to_bytes().expect("serialise");
    let pdf = pdf::Document::parse(&bytes);
    for span in pdf.page_spans(0) {
        let last = span.glyphs.last().expect("glyphs");
        let right = last.x + last.width;
        assert!(
            (right - f64::from(150.0 * PT_PER_MM)).abs() < 0.05,
            "{:?} ends at {right}",
            span.text
        );
    }
}

// ---------------------------------------------------------------------------------------
// (5) Writing: atomic, Thai errors, nothing partial left behind.
// ---------------------------------------------------------------------------------------

#[test]
fn failed_write_leaves_no_file() {
    let dir = scratch_dir("write-fail");
    let doc = || {
        let mut doc = DocBuilder::new(engine(), PageSetup::a4_portrait());
        doc.new_page()
            .text(30.0, 30.0, "ทดสอบ", &TextStyle::new(16.0));
        doc
    };

    // The folder does not exist: nothing can be created.
    let missing = dir.join("no-such-folder").join("report.pdf");
    let err = doc().write(&missing).expect_err("cannot write");
    assert!(matches!(err, PrintError::Write { .. }));
    let msg = err.to_string();
    assert!(
        msg.starts_with("เขียนไฟล์ไม่ได้: ") && msg.contains("report.pdf"),
        "{msg}"
    );
    assert!(msg.contains("ตรวจสอบว่าโฟลเดอร์มีอยู่และมีสิทธิ์เขียน"), "{msg}");
    assert!(!missing.exists());

    // The temporary file is written but the rename fails (the target is a folder): the
    // temporary file must be cleaned up and the target left alone.
    let target = dir.join("busy.pdf");
    std::fs::create_dir(&target).expect("mkdir");
    assert!(doc().write(&target).is_err());
    assert!(target.is_dir());
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("busy.pdf")],
        "no .tmp left"
    );

    // A successful write replaces the file and leaves no temporary file either.
    let ok = dir.join("ok.pdf");
    doc().write(&ok).expect("write");
    assert!(std::fs::read(&ok).expect("read").starts_with(b"%PDF-"));
    assert!(!dir.join("ok.pdf.tmp").exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn series_writes_numbered_files_and_cleans_up_on_failure() {
    let dir = scratch_dir("series");
    let mut opts = SeriesOptions::new(dir.join("statements.pdf"), 3);
    opts.threads = 2;
    let render = |doc: &mut DocBuilder<'_>, item: usize| -> Result<(), PrintError> {
        let first = doc.page_count();
        doc.new_page().text(
            30.0,
            30.0,
            &format!("สมาชิกเลขที่ {item}"),
            &TextStyle::new(16.0),
        );
        doc.number_pages_from(first, Align::Right);
        Ok(())
    };
    let files = write_series(engine(), &opts, 10, render).expect("series");
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        [
            "statements-0001.pdf",
            "statements-0002.pdf",
            "statements-0003.pdf",
            "statements-0004.pdf"
        ]
    );
    let last = pdftotext(&files[3], None);
    assert!(
        last.contains("สมาชิกเลขที่ 9") && last.contains("หน้า 1/1"),
        "{last}"
    );
    for f in &files {
        std::fs::remove_file(f).expect("remove");
    }

    let failing = |doc: &mut DocBuilder<'_>, item: usize| -> Result<(), PrintError> {
        if item == 7 {
            return Err(PrintError::Layout("ทดสอบ".into()));
        }
        render(doc, item)
    };
    assert!(write_series(engine(), &opts, 10, failing).is_err());
    let left = std::fs::read_dir(&dir).expect("read dir").count();
    assert_eq!(left, 0, "a failed series leaves no files");
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------------------------------
// Shaping details.
// ---------------------------------------------------------------------------------------

#[test]
fn composed_digits_equal_shaped_digits() {
    for style in FontStyle::ALL {
        let shaper = engine().shaper(style);
        for text in [
            "0123456789",
            "1,234,567.89",
            "(1,000.00)",
            "-250.75",
            "31/10/2568",
            "๑๒๓/๒๕๖๘",
            "100%",
        ] {
            let before = engine().stats().composed;
            let run = engine().shape(text, style);
            assert!(engine().stats().composed > before, "{text:?} is composed");
            assert_eq!(run.glyphs(), &shaper.shape_glyphs(text)[..], "{text:?}");
        }
    }
}

#[test]
fn shaped_runs_are_cached() {
    let text = "เงินสัจจะสะสมยกมา (ทดสอบแคช)";
    let first = engine().shape(text, FontStyle::Bold);
    let hits = engine().stats().hits;
    let second = engine().shape(text, FontStyle::Bold);
    assert!(std::sync::Arc::ptr_eq(&first, &second));
    assert!(engine().stats().hits > hits);
}

#[test]
fn word_joiners_are_never_drawn() {
    let plain = engine().shape("ผู้ใหญ่บ้าน", FontStyle::Regular);
    let joined = engine().shape(&engine().protect("ผู้ใหญ่บ้าน"), FontStyle::Regular);
    assert_eq!(plain.glyphs(), joined.glyphs());
    assert_eq!(plain.actual_text, joined.actual_text);
}

#[test]
fn line_height_leaves_room_for_stacked_marks() {
    let lh = engine().line_height_mm(FontStyle::Regular, 16.0);
    assert!(lh >= 1.5 * 16.0 / PT_PER_MM - 0.001, "{lh}");
}

#[test]
fn page_sizes_portrait_landscape_and_custom() {
    let mut doc = DocBuilder::new(engine(), PageSetup::a4_portrait());
    doc.new_page();
    doc.new_page_with(PageSetup::a4_landscape());
    let passbook = PageSetup {
        size: PageSize::custom(120.0, 175.0),
        margins: Margins::all(8.0),
    };
    doc.new_page_with(passbook)
        .text(8.0, 8.0, "สมุดคู่ฝาก", &TextStyle::new(14.0));
    let pdf = pdf::Document::parse(&doc.to_bytes().expect("serialise"));
    let pt = |mm: f32| f64::from(mm * PT_PER_MM);
    for (i, (w, h)) in [(210.0, 297.0), (297.0, 210.0), (120.0, 175.0)]
        .iter()
        .enumerate()
    {
        let b = pdf.media_box(i);
        assert!(
            (b[2] - b[0] - pt(*w)).abs() < 0.1 && (b[3] - b[1] - pt(*h)).abs() < 0.1,
            "{b:?}"
        );
    }
}

#[test]
fn errors_speak_thai() {
    let e = PrintError::Layout("ตารางกว้างเกินไป".into());
    assert_eq!(e.to_string(), "จัดหน้าเอกสารไม่ได้: ตารางกว้างเกินไป");
    let mut doc = DocBuilder::new(engine(), PageSetup::a4_portrait());
    let wide = Table::new(vec![Column::left("รายการ", 400.0)]);
    let err = doc
        .table(&wide, 20.0, 20.0, |p| p.setup().top())
        .expect_err("too wide");
    assert!(err.to_string().contains("เกินหน้ากระดาษ"), "{err}");
}

#[test]
fn fonts_are_embedded_under_their_names() {
    let (doc, _) = corpus_doc(false);
    let bytes = doc.to_bytes().expect("serialise");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/BaseFont/Sarabun-Regular"));
    assert!(text.contains("/BaseFont/Sarabun-Bold"));
}

/// A minimal PDF reader for these tests: objects, page content streams, fonts' `/W`, and a
/// content-stream interpreter that places glyphs the way a viewer does.
mod pdf {
    use std::collections::HashMap;

    #[derive(Debug, Clone, PartialEq)]
    pub enum Obj {
        Num(f64),
        Name(String),
        Str(Vec<u8>),
        Arr(Vec<Obj>),
        Dict(Vec<(String, Obj)>),
        Ref(u32),
        Kw(String),
    }

    impl Obj {
        pub fn get(&self, key: &str) -> Option<&Obj> {
            match self {
                Obj::Dict(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
                _ => None,
            }
        }

        fn num(&self) -> f64 {
            match self {
                Obj::Num(n) => *n,
                other => panic!("expected a number, got {other:?}"),
            }
        }
    }

    /// A glyph where the viewer draws it, in PDF points.
    #[derive(Debug, Clone, Copy, PartialEq)]
    pub struct Placed {
        pub gid: u16,
        pub x: f64,
        pub y: f64,
        /// Advance the viewer applies (from `/W`), in points.
        pub width: f64,
    }

    /// The glyphs inside one `/ActualText` span.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Span {
        pub text: String,
        pub glyphs: Vec<Placed>,
    }

    pub struct Document {
        objects: HashMap<u32, Obj>,
        streams: HashMap<u32, Vec<u8>>,
        pages: Vec<u32>,
    }

    impl Document {
        pub fn parse(bytes: &[u8]) -> Self {
            let mut objects = HashMap::new();
            let mut streams = HashMap::new();
            let mut pos = 0;
            while let Some((id, body)) = next_object(bytes, pos) {
                let mut lex = Lexer {
                    b: bytes,
                    pos: body,
                };
                let value = parse_value(&mut lex);
                let after = lex.pos;
                let mut l2 = Lexer {
                    b: bytes,
                    pos: after,
                };
                pos = after;
                if let Some(Tok::Kw(k)) = l2.token() {
                    if k == "stream" {
                        let mut start = l2.pos;
                        if bytes[start] == b'\r' {
                            start += 1;
                        }
                        if bytes[start] == b'\n' {
                            start += 1;
                        }
                        let len = value.get("Length").expect("stream /Length").num() as usize;
                        streams.insert(id, bytes[start..start + len].to_vec());
                        pos = start + len;
                    }
                }
                objects.insert(id, value);
            }
            let mut doc = Document {
                objects,
                streams,
                pages: Vec::new(),
            };
            let root = doc
                .objects
                .values()
                .find(|o| o.get("Type") == Some(&Obj::Name("Pages".into())))
                .expect("a /Pages object")
                .clone();
            match root.get("Kids") {
                Some(Obj::Arr(kids)) => {
                    for kid in kids {
                        if let Obj::Ref(id) = kid {
                            doc.pages.push(*id);
                        }
                    }
                }
                other => panic!("bad /Kids {other:?}"),
            }
            doc
        }

        pub fn page_count(&self) -> usize {
            self.pages.len()
        }

        /// `/MediaBox` of page `index`, in points.
        pub fn media_box(&self, index: usize) -> Vec<f64> {
            let page = self.objects.get(&self.pages[index]).expect("page");
            match page.get("MediaBox") {
                Some(Obj::Arr(items)) => items.iter().map(Obj::num).collect(),
                other => panic!("/MediaBox {other:?}"),
            }
        }

        fn resolve<'a>(&'a self, o: &'a Obj) -> &'a Obj {
            match o {
                Obj::Ref(id) => self.objects.get(id).expect("referenced object"),
                other => other,
            }
        }

        /// `/W` widths (1/1000 em) of every font resource of page `index`, by resource name.
        fn font_widths(&self, page: &Obj) -> HashMap<String, HashMap<u16, f64>> {
            let resources = self.resolve(page.get("Resources").expect("/Resources"));
            let fonts = self.resolve(resources.get("Font").expect("/Font"));
            let Obj::Dict(entries) = fonts else {
                panic!("font dict")
            };
            entries
                .iter()
                .map(|(name, font)| {
                    let font = self.resolve(font);
                    let Some(Obj::Arr(desc)) = font.get("DescendantFonts") else {
                        panic!("Type0 font")
                    };
                    let cid = self.resolve(&desc[0]);
                    let mut widths = HashMap::new();
                    if let Some(Obj::Arr(w)) = cid.get("W") {
                        let mut i = 0;
                        while i < w.len() {
                            let first = w[i].num() as u16;
                            match &w[i + 1] {
                                Obj::Arr(ws) => {
                                    for (k, v) in ws.iter().enumerate() {
                                        widths.insert(first + k as u16, v.num());
                                    }
                                    i += 2;
                                }
                                last => {
                                    for g in first..=last.num() as u16 {
                                        widths.insert(g, w[i + 2].num());
                                    }
                                    i += 3;
                                }
                            }
                        }
                    }
                    (name.clone(), widths)
                })
                .collect()
        }

        /// Interprets page `index`'s content stream and returns the glyphs of each
        /// `/ActualText` span. Panics on glyphs drawn outside a span.
        pub fn page_spans(&self, index: usize) -> Vec<Span> {
            let page = self.objects.get(&self.pages[index]).expect("page");
            let widths = self.font_widths(page);
            let Some(Obj::Ref(content)) = page.get("Contents") else {
                panic!("/Contents")
            };
            let data = self.streams.get(content).expect("content stream");
            assert!(
                self.objects[content].get("Filter").is_none(),
                "tests parse uncompressed streams"
            );
            interpret(data, &widths)
        }
    }

    fn interpret(data: &[u8], widths: &HashMap<String, HashMap<u16, f64>>) -> Vec<Span> {
        let mut lex = Lexer { b: data, pos: 0 };
        let mut stack: Vec<Obj> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        let mut open: Option<Span> = None;
        let (mut font, mut size) = (String::new(), 0.0);
        let (mut tm_x, mut tm_y, mut tx) = (0.0, 0.0, 0.0);
        while let Some(obj) = parse_next(&mut lex) {
            let Obj::Kw(op) = obj else {
                stack.push(obj);
                continue;
            };
            match op.as_str() {
                "Tf" => {
                    size = stack[1].num();
                    font = match &stack[0] {
                        Obj::Name(n) => n.clone(),
                        other => panic!("Tf {other:?}"),
                    };
                }
                "Tm" => {
                    let m: Vec<f64> = stack.iter().map(Obj::num).collect();
                    assert_eq!(&m[..4], &[1.0, 0.0, 0.0, 1.0], "pure translation");
                    (tm_x, tm_y, tx) = (m[4], m[5], 0.0);
                }
                "TJ" | "Tj" => {
                    let items = match stack.pop() {
                        Some(Obj::Arr(items)) => items,
                        Some(s @ Obj::Str(_)) => vec![s],
                        other => panic!("{op} {other:?}"),
                    };
                    let span = open
                        .as_mut()
                        .expect("glyphs drawn inside an ActualText span");
                    for item in items {
                        match item {
                            Obj::Num(n) => tx -= n / 1000.0 * size,
                            Obj::Str(codes) => {
                                for pair in codes.chunks(2) {
                                    let gid = u16::from_be_bytes([pair[0], pair[1]]);
                                    let w = widths[&font].get(&gid).copied().unwrap_or(0.0);
                                    let width = w / 1000.0 * size;
                                    span.glyphs.push(Placed {
                                        gid,
                                        x: tm_x + tx,
                                        y: tm_y,
                                        width,
                                    });
                                    tx += width;
                                }
                            }
                            other => panic!("TJ item {other:?}"),
                        }
                    }
                }
                "BDC" => {
                    if let Some(Obj::Str(data)) = stack.get(1).and_then(|d| d.get("ActualText")) {
                        assert_eq!(&data[..2], &[0xFE, 0xFF], "UTF-16BE with BOM");
                        let units: Vec<u16> = data[2..]
                            .chunks(2)
                            .map(|c| u16::from_be_bytes([c[0], c[1]]))
                            .collect();
                        open = Some(Span {
                            text: String::from_utf16(&units).expect("valid UTF-16"),
                            glyphs: Vec::new(),
                        });
                    }
                }
                "EMC" => spans.extend(open.take()),
                _ => {}
            }
            stack.clear();
        }
        spans
    }

    /// Finds the next `N 0 obj` header at or after `from`: (N, offset after `obj`).
    fn next_object(b: &[u8], from: usize) -> Option<(u32, usize)> {
        let mut i = from;
        while i + 6 <= b.len() {
            let at_line_start = i == 0 || b[i - 1] == b'\n' || b[i - 1] == b'\r';
            if at_line_start && b[i].is_ascii_digit() {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                let rest = &b[i + digits..];
                if rest.starts_with(b" 0 obj") {
                    let id = std::str::from_utf8(&b[i..i + digits]).ok()?.parse().ok()?;
                    return Some((id, i + digits + 6));
                }
            }
            i += 1;
        }
        None
    }

    #[derive(Debug, Clone, PartialEq)]
    enum Tok {
        Num(f64),
        Name(String),
        Str(Vec<u8>),
        ArrOpen,
        ArrClose,
        DictOpen,
        DictClose,
        Kw(String),
    }

    struct Lexer<'a> {
        b: &'a [u8],
        pos: usize,
    }

    fn is_delim(c: u8) -> bool {
        b"()<>[]{}/%".contains(&c)
    }

    impl Lexer<'_> {
        fn peek_byte(&self) -> Option<u8> {
            self.b.get(self.pos).copied()
        }

        fn skip_ws(&mut self) {
            while let Some(c) = self.peek_byte() {
                if c.is_ascii_whitespace() || c == 0 {
                    self.pos += 1;
                } else if c == b'%' {
                    while let Some(c) = self.peek_byte() {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.pos += 1;
                    }
                } else {
                    break;
                }
            }
        }

        fn regular(&mut self) -> String {
            let start = self.pos;
            while let Some(c) = self.peek_byte() {
                if c.is_ascii_whitespace() || is_delim(c) {
                    break;
                }
                self.pos += 1;
            }
            String::from_utf8_lossy(&self.b[start..self.pos]).into_owned()
        }

        fn token(&mut self) -> Option<Tok> {
            self.skip_ws();
            let c = self.peek_byte()?;
            Some(match c {
                b'[' => {
                    self.pos += 1;
                    Tok::ArrOpen
                }
                b']' => {
                    self.pos += 1;
                    Tok::ArrClose
                }
                b'<' if self.b.get(self.pos + 1) == Some(&b'<') => {
                    self.pos += 2;
                    Tok::DictOpen
                }
                b'>' if self.b.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    Tok::DictClose
                }
                b'<' => Tok::Str(self.hex_string()),
                b'(' => Tok::Str(self.literal_string()),
                b'/' => {
                    self.pos += 1;
                    Tok::Name(self.regular())
                }
                _ => {
                    let word = self.regular();
                    if word.is_empty() {
                        self.pos += 1;
                        return self.token();
                    }
                    match word.parse::<f64>() {
                        Ok(n) => Tok::Num(n),
                        Err(_) => Tok::Kw(word),
                    }
                }
            })
        }

        fn hex_string(&mut self) -> Vec<u8> {
            self.pos += 1;
            let mut digits = Vec::new();
            while let Some(c) = self.peek_byte() {
                self.pos += 1;
                if c == b'>' {
                    break;
                }
                if let Some(d) = (c as char).to_digit(16) {
                    digits.push(d as u8);
                }
            }
            if digits.len() % 2 == 1 {
                digits.push(0);
            }
            digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect()
        }

        fn literal_string(&mut self) -> Vec<u8> {
            self.pos += 1;
            let mut out = Vec::new();
            let mut depth = 1;
            while let Some(c) = self.peek_byte() {
                self.pos += 1;
                match c {
                    b'\\' => {
                        let Some(e) = self.peek_byte() else { break };
                        self.pos += 1;
                        match e {
                            b'n' => out.push(b'\n'),
                            b'r' => out.push(b'\r'),
                            b't' => out.push(b'\t'),
                            b'b' => out.push(8),
                            b'f' => out.push(12),
                            b'0'..=b'7' => {
                                let mut v = u32::from(e - b'0');
                                for _ in 0..2 {
                                    match self.peek_byte() {
                                        Some(d @ b'0'..=b'7') => {
                                            v = v * 8 + u32::from(d - b'0');
                                            self.pos += 1;
                                        }
                                        _ => break,
                                    }
                                }
                                out.push(v as u8);
                            }
                            b'\r' => {
                                if self.peek_byte() == Some(b'\n') {
                                    self.pos += 1;
                                }
                            }
                            b'\n' => {}
                            other => out.push(other),
                        }
                    }
                    b'(' => {
                        depth += 1;
                        out.push(c);
                    }
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                        out.push(c);
                    }
                    b'\r' => {
                        if self.peek_byte() == Some(b'\n') {
                            self.pos += 1;
                        }
                        out.push(b'\n');
                    }
                    _ => out.push(c),
                }
            }
            out
        }
    }

    /// Parses one value (with `N 0 R` references) from the lexer.
    fn parse_value(lex: &mut Lexer<'_>) -> Obj {
        parse_next(lex).expect("a value")
    }

    fn parse_next(lex: &mut Lexer<'_>) -> Option<Obj> {
        let tok = lex.token()?;
        Some(match tok {
            Tok::Num(n) => {
                // `N 0 R` is a reference; look ahead without consuming otherwise.
                let save = lex.pos;
                if let (Some(Tok::Num(_)), Some(Tok::Kw(r))) = (lex.token(), lex.token()) {
                    if r == "R" {
                        return Some(Obj::Ref(n as u32));
                    }
                }
                lex.pos = save;
                Obj::Num(n)
            }
            Tok::Name(n) => Obj::Name(n),
            Tok::Str(s) => Obj::Str(s),
            Tok::Kw(k) => Obj::Kw(k),
            Tok::ArrOpen => {
                let mut items = Vec::new();
                loop {
                    let save = lex.pos;
                    if lex.token() == Some(Tok::ArrClose) {
                        break;
                    }
                    lex.pos = save;
                    items.push(parse_next(lex)?);
                }
                Obj::Arr(items)
            }
            Tok::DictOpen => {
                let mut entries = Vec::new();
                loop {
                    match lex.token()? {
                        Tok::DictClose => break,
                        Tok::Name(key) => {
                            let value = parse_next(lex)?;
                            entries.push((key, value));
                        }
                        other => panic!("dict key {other:?}"),
                    }
                }
                Obj::Dict(entries)
            }
            Tok::ArrClose | Tok::DictClose => return None,
        })
    }

    #[test]
    fn reads_literal_strings_with_escapes() {
        let mut lex = Lexer {
            b: b"(a\\)b\\r\\\\(c)\\101)",
            pos: 0,
        };
        assert_eq!(lex.token(), Some(Tok::Str(b"a)b\r\\(c)A".to_vec())));
    }
}

// ---------------------------------------------------------------------------------------
// (6) Justified paragraphs (minutes): glyphs as HarfBuzz shapes each line, widened only at
// ICU word boundaries, lines broken only at the paragraph's boundaries, text round-trips.
// ---------------------------------------------------------------------------------------

#[test]
fn justified_lines_keep_hb_shape_and_break_at_word_boundaries() {
    let style = TextStyle::new(16.0);
    let width = 120.0;
    let lines = engine().break_lines(PARAGRAPH, style.font, style.size_pt, width);
    assert!(lines.len() >= 3, "{lines:?}");
    // Every line ends at a word boundary of the whole paragraph.
    let breaks = engine().break_opportunities(PARAGRAPH);
    let mut at = 0;
    for line in &lines[..lines.len() - 1] {
        let start = PARAGRAPH[at..]
            .find(line.as_str())
            .expect("line is in order")
            + at;
        at = start + line.len();
        let next = PARAGRAPH[at..]
            .find(|c: char| !c.is_whitespace())
            .map_or(PARAGRAPH.len(), |n| at + n);
        assert!(
            breaks.contains(&at) || breaks.contains(&next),
            "line {line:?} ends inside a word"
        );
    }
    let mut doc = DocBuilder::new(engine(), PageSetup::a4_portrait());
    doc.set_compress(false);
    let page = doc.new_page();
    let left = page.setup().left();
    let lh = page.line_height(&style);
    let last = lines.len() - 1;
    for (i, line) in lines.iter().enumerate() {
        let y = 30.0 + i as f32 * lh;
        if i < last {
            page.justified_line(left, y, width, line, &style);
        } else {
            page.text(left, y, line, &style);
        }
    }
    let bytes = doc.to_bytes().expect("serialise");
    let pdf = pdf::Document::parse(&bytes);
    let spans = pdf.page_spans(0);
    assert_eq!(spans.len(), lines.len());
    let upem = engine().shaper(style.font).face.upem;
    let k = f64::from(style.size_pt) / f64::from(upem);
    for (i, (span, line)) in spans.iter().zip(&lines).enumerate() {
        assert_eq!(&span.text, line, "ActualText carries the line");
        let expected = hb_shape(style.font, line, upem);
        assert_eq!(
            span.glyphs.iter().map(|g| g.gid).collect::<Vec<_>>(),
            expected.iter().map(|g| g.gid).collect::<Vec<_>>(),
            "glyph ids of line {i}"
        );
        // Positions differ from hb-shape's only by a shift that never decreases along the
        // line (the extra space at word boundaries): marks stay on their bases.
        let x0 = span.glyphs[0].x - f64::from(expected[0].x) * k;
        let mut shift = 0.0f64;
        for (got, want) in span.glyphs.iter().zip(&expected) {
            let s = got.x - (x0 + f64::from(want.x) * k);
            assert!(s >= shift - 0.05, "line {i}: glyph {} moved back", want.gid);
            if f64::from(want.y) == 0.0 && (s - shift).abs() > 0.05 {
                shift = s;
            }
            shift = shift.max(s);
        }
        let end = span.glyphs.last().map(|g| g.x + g.width).unwrap_or(0.0);
        let right = f64::from((left + width) * PT_PER_MM);
        if i < last {
            assert!(
                (end - right).abs() < 1.5,
                "justified line {i} ends at {end:.1} pt, box at {right:.1} pt"
            );
        }
    }
    let dir = scratch_dir("justified");
    let path = dir.join("p.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let text = strip_ws(&pdftotext(&path, None));
    assert!(text.contains(&strip_ws(PARAGRAPH)), "{text}");
}

#[test]
fn whole_words_never_break_inside_though_the_segmenter_splits_them() {
    let e = engine();
    // The LSTM segmenter alone would break สัจ|จะ and ค่า|ปรับ.
    for word in ["สัจจะ", "ค่าปรับ"] {
        let text = format!("รับเงินสมาชิกเลขที่ 52 นางบุญเรือน ธรรมสอน: {word} 250.00");
        let inner: Vec<usize> = e
            .break_opportunities(&text)
            .iter()
            .copied()
            .filter(|&b| {
                let at = text.find(word).expect("word");
                b > at && b < at + word.len()
            })
            .collect();
        assert!(inner.is_empty(), "{word}: breaks inside at {inner:?}");
        // At every width the word is on one line.
        for tenth in 300..700 {
            let lines = e.break_lines(&text, FontStyle::Regular, 10.5, tenth as f32 / 10.0);
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{word} split at {} mm: {lines:?}",
                tenth as f32 / 10.0
            );
        }
    }
}

#[test]
fn the_last_rows_go_to_a_new_page_with_the_room_kept_below_them() {
    let rows = |n: usize, keep: f32| {
        let mut doc = DocBuilder::new(engine(), PageSetup::a4_portrait());
        let mut table = Table::new(vec![Column::left("รายการ", 90.0)]);
        table.keep_below_mm = keep;
        for i in 1..n {
            table.row([format!("รายการที่ {i}")]);
        }
        table.total_row(["รวม"]);
        let head = |page: &mut Page<'_>| page.setup().top();
        let top = head(doc.new_page());
        let end = doc.table(&table, 25.0, top, head).expect("fits");
        (doc.page_count(), end, *doc.setup())
    };
    // The most rows that fill one page without room kept.
    let n = (2..200)
        .take_while(|&n| rows(n, 0.0).0 == 1)
        .last()
        .expect("rows");
    let (pages, end, setup) = rows(n, 0.0);
    assert_eq!(pages, 1);
    assert!(end + 60.0 > setup.bottom(), "too little room below: {end}");
    let (pages, end, setup) = rows(n, 60.0);
    assert_eq!(pages, 2, "the last rows moved with the kept room");
    assert!(end + 60.0 <= setup.bottom(), "room kept: {end}");
}
