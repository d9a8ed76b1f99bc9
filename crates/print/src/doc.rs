//! [`DocBuilder`]: collects pages, adds page numbers once the page count is known, and writes
//! the PDF — to bytes, to one file atomically, or as a numbered series of files built on
//! several threads for large jobs.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use printpdf::{FontId, PdfDocument, PdfFont, PdfSaveOptions};

use super::engine::Engine;
use super::error::{PrintError, Result};
use super::font::FontStyle;
use super::page::{Align, Colour, Page, PageSetup, TextStyle};
use super::shape::lock;
use super::table::Table;

/// Position of a page in its document, for headers and footers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    /// 1-based page number.
    pub number: usize,
    /// Total number of pages.
    pub total: usize,
}

/// Builds one PDF document page by page.
///
/// printpdf holds a whole document in memory until it is written (about 0.13 MB per
/// statement-like page at the peak of writing), so a job of thousands of pages should be
/// split with [`write_series`] instead of one huge `DocBuilder`.
pub struct DocBuilder<'e> {
    engine: &'e Engine,
    setup: PageSetup,
    pages: Vec<Page<'e>>,
    title: String,
    author: String,
    subject: String,
    compress: bool,
    stamp: String,
}

impl<'e> DocBuilder<'e> {
    /// An empty document whose pages use `setup` unless a page says otherwise.
    pub fn new(engine: &'e Engine, setup: PageSetup) -> Self {
        DocBuilder {
            engine,
            setup,
            pages: Vec::new(),
            title: String::new(),
            author: String::new(),
            subject: String::new(),
            compress: true,
            stamp: String::new(),
        }
    }

    /// Sets the author (who issued the document) and the subject (what it is about, e.g.
    /// when it was printed) that PDF viewers show beside the title.
    pub fn set_metadata(&mut self, author: impl Into<String>, subject: impl Into<String>) {
        self.author = author.into();
        self.subject = subject.into();
    }

    /// Text printed at the bottom centre of every page when the document is written (a
    /// check code); empty for none.
    pub fn set_stamp(&mut self, stamp: impl Into<String>) {
        self.stamp = stamp.into();
    }

    /// Sets the document title shown by PDF viewers.
    pub fn set_title(&mut self, title: impl Into<String>) {
        self.title = title.into();
    }

    /// Whether streams are Flate-compressed (default: yes). Off makes writing about twice as
    /// fast and files about three times larger; see the module docs for measurements.
    pub fn set_compress(&mut self, compress: bool) {
        self.compress = compress;
    }

    /// The engine pages are shaped with.
    pub fn engine(&self) -> &'e Engine {
        self.engine
    }

    /// The default page setup.
    pub fn setup(&self) -> &PageSetup {
        &self.setup
    }

    /// Starts a new page with the default setup and returns it.
    pub fn new_page(&mut self) -> &mut Page<'e> {
        self.new_page_with(self.setup)
    }

    /// Starts a new page with its own setup (e.g. one landscape page in a portrait report).
    pub fn new_page_with(&mut self, setup: PageSetup) -> &mut Page<'e> {
        self.pages.push(Page::new(self.engine, setup));
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Page `index` (0-based), if it exists.
    pub fn page_mut(&mut self, index: usize) -> Option<&mut Page<'e>> {
        self.pages.get_mut(index)
    }

    /// The last page, if any.
    pub fn last_page_mut(&mut self) -> Option<&mut Page<'e>> {
        self.pages.last_mut()
    }

    /// Calls `f` on every page with its number and the total: for headers and footers that
    /// need the page count, so call it after the layout is complete.
    pub fn decorate(&mut self, f: impl FnMut(&mut Page<'e>, PageInfo)) {
        self.decorate_from(0, f);
    }

    /// Like [`Self::decorate`] for the pages from `first` (0-based) on, numbered from 1: for
    /// files that hold several independent documents (one statement per member).
    pub fn decorate_from(&mut self, first: usize, mut f: impl FnMut(&mut Page<'e>, PageInfo)) {
        let pages = self.pages.get_mut(first..).unwrap_or_default();
        let total = pages.len();
        for (i, page) in pages.iter_mut().enumerate() {
            f(
                page,
                PageInfo {
                    number: i + 1,
                    total,
                },
            );
        }
    }

    /// Writes `หน้า x/y` in the bottom margin of every page from `first` on, aligned with the
    /// content area as `align` says, in grey 12 pt text.
    pub fn number_pages_from(&mut self, first: usize, align: Align) {
        let style = TextStyle::new(12.0).colour(Colour::DARK_GREY).align(align);
        self.decorate_from(first, |page, info| {
            let setup = *page.setup();
            let x = match align {
                Align::Left => setup.left(),
                Align::Centre => setup.left() + setup.content_width() / 2.0,
                Align::Right => setup.right(),
            };
            let lh = page.line_height(&style);
            let y = setup.bottom() + (setup.margins.bottom - lh) / 2.0;
            page.text(x, y, &format!("หน้า {}/{}", info.number, info.total), &style);
        });
    }

    /// [`Self::number_pages_from`] for the whole document.
    pub fn number_pages(&mut self, align: Align) {
        self.number_pages_from(0, align);
    }

    /// Draws `table` at (`x`, `y`) on the last page, flowing over new pages as needed; see
    /// [`Table::draw`]. Returns the y below the table on the last page.
    ///
    /// # Errors
    /// [`PrintError::Layout`] if the table is wider than the page or a row taller than a page.
    pub fn table(
        &mut self,
        table: &Table,
        x: f32,
        y: f32,
        mut on_new_page: impl FnMut(&mut Page<'_>) -> f32,
    ) -> Result<f32> {
        table.draw(self, x, y, &mut on_new_page)
    }

    /// Serialises the document to PDF bytes.
    ///
    /// # Errors
    /// None today (printpdf reports no failures when writing to memory); the `Result` keeps
    /// room for checks without changing callers.
    pub fn to_bytes(self) -> Result<Vec<u8>> {
        let mut doc = PdfDocument::new(&self.title);
        let info = &mut doc.metadata.info;
        info.producer = "Sajja".to_string();
        info.author = self.author.clone();
        // Without a subject of its own, the title says what the document is.
        info.subject = if self.subject.is_empty() {
            self.title.clone()
        } else {
            self.subject.clone()
        };
        info.creator = "Sajja".to_string();
        info.creation_date = printpdf::OffsetDateTime::now();
        info.modification_date = info.creation_date;
        info.metadata_date = info.creation_date;
        for style in FontStyle::ALL {
            let parsed = self.engine.shaper(style).face.parsed.clone();
            // printpdf's `add_font` names fonts with a random id; a fixed id keeps content
            // streams short and the output reproducible. Unused faces are not embedded.
            let FontId(id) = style.resource_id();
            doc.resources
                .fonts
                .map
                .insert(FontId(id), PdfFont::new(parsed));
        }
        let compress = self.compress;
        let mut pages = self.pages;
        if !self.stamp.is_empty() {
            let style = TextStyle::new(10.0)
                .colour(Colour::DARK_GREY)
                .align(Align::Centre);
            for page in &mut pages {
                let setup = *page.setup();
                let lh = page.line_height(&style);
                // Centred in the bottom margin; a page without one (a passbook's own page)
                // gets it on its last millimetres.
                let y = if setup.margins.bottom >= lh + 2.0 {
                    setup.bottom() + (setup.margins.bottom - lh) / 2.0
                } else {
                    setup.size.height_mm - lh - 1.0
                };
                page.text(
                    setup.left() + setup.content_width() / 2.0,
                    y,
                    &self.stamp,
                    &style,
                );
            }
        }
        let pages = pages.into_iter().map(Page::into_pdf_page).collect();
        doc.with_pages(pages);
        let options = PdfSaveOptions {
            optimize: compress,
            // Subsetting needs printpdf's `text_layout` feature; without it printpdf embeds
            // the whole face whatever this says (about 45 KB per face, compressed).
            subset_fonts: false,
            secure: true,
            image_optimization: None,
        };
        let mut warnings = Vec::new();
        Ok(doc.save(&options, &mut warnings))
    }

    /// Writes the document to `path` atomically: to `path.tmp` first, then renamed, so a
    /// failure never leaves a partial or truncated PDF behind.
    ///
    /// # Errors
    /// [`PrintError::Write`] if the file cannot be created, written or renamed.
    pub fn write(self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes()?;
        write_atomic(path, &bytes)
    }
}

/// Writes `bytes` to `path` via a temporary sibling and a rename. On any failure the
/// temporary file is removed and `path` is untouched.
///
/// # Errors
/// [`PrintError::Write`] naming `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    // Whatever the caller checked, a file that is not a PDF is never replaced by one.
    if !replaceable(path) {
        return Err(PrintError::Write {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "an existing file that is not a PDF",
            ),
        });
    }
    let tmp = tmp_path(path);
    let written = (|| -> std::io::Result<()> {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        sync_folder(path)
    })();
    written.map_err(|source| {
        // The temporary file may or may not exist; either way nothing partial may remain.
        let _ = fs::remove_file(&tmp);
        PrintError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Nothing there yet, or a PDF.
fn replaceable(path: &Path) -> bool {
    use std::io::Read;
    match fs::File::open(path) {
        Err(_) => !path.exists(),
        Ok(mut f) => {
            let mut head = [0u8; 5];
            f.read_exact(&mut head).is_ok() && &head == b"%PDF-"
        }
    }
}

/// Makes the rename itself durable: the folder's entry is synced, so after a power cut the
/// file is there under its final name (or not at all).
fn sync_folder(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let folder = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::File::open(folder)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Removes `*.pdf.tmp` files a killed print left in `folder` (not recursive). Returns how
/// many were removed. Only names this engine writes are touched.
pub fn remove_leftovers(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .to_ascii_lowercase()
                .ends_with(".pdf.tmp")
                && e.file_type().is_ok_and(|t| t.is_file())
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// How to split a large job into files.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesOptions {
    /// Base name: `out/statements.pdf` gives `out/statements-0001.pdf`, `-0002`, …
    pub path: PathBuf,
    /// Items (e.g. members, one statement each) per file. Peak memory is about
    /// 20 MB + threads × items_per_file × 0.13 MB for one-page items; 250 gives about 90 MB on
    /// two threads. Each file also carries the embedded fonts (about 90 KB) and costs about
    /// 10 ms to compress them, so very small files are slower per page.
    pub items_per_file: usize,
    /// Worker threads; each builds and writes whole files. 0 means one per core.
    pub threads: usize,
    /// Page setup of every file.
    pub setup: PageSetup,
    /// Document title of every file.
    pub title: String,
    /// Flate-compress streams (see [`DocBuilder::set_compress`]).
    pub compress: bool,
    /// Printed at the bottom centre of every page (see [`DocBuilder::set_stamp`]).
    pub stamp: String,
    /// Author and subject of every file (see [`DocBuilder::set_metadata`]).
    pub author: String,
    pub subject: String,
}

impl SeriesOptions {
    /// `items_per_file` items per file at `path`, A4 portrait, compressed, one thread per core.
    pub fn new(path: impl Into<PathBuf>, items_per_file: usize) -> Self {
        SeriesOptions {
            path: path.into(),
            items_per_file,
            threads: 0,
            setup: PageSetup::a4_portrait(),
            title: String::new(),
            compress: true,
            stamp: String::new(),
            author: String::new(),
            subject: String::new(),
        }
    }

    /// An empty document set up as every file of the series is: page setup, title, stamp,
    /// metadata and compression. A job small enough for one file draws into it and writes it
    /// at [`SeriesOptions::path`] itself, so the single file and the series look alike.
    pub fn document<'e>(&self, engine: &'e Engine) -> DocBuilder<'e> {
        let mut doc = DocBuilder::new(engine, self.setup);
        doc.set_title(self.title.clone());
        doc.set_compress(self.compress);
        doc.set_stamp(self.stamp.clone());
        doc.set_metadata(self.author.clone(), self.subject.clone());
        doc
    }

    /// The name of file `index` (0-based) of the series.
    pub fn file_path(&self, index: usize) -> PathBuf {
        let stem = self.path.file_stem().unwrap_or_default().to_string_lossy();
        let ext = self.path.extension().map(|e| e.to_string_lossy());
        let name = match ext {
            Some(ext) => format!("{stem}-{:04}.{ext}", index + 1),
            None => format!("{stem}-{:04}", index + 1),
        };
        self.path.with_file_name(name)
    }
}

/// Renders `items` items into a numbered series of PDF files, `render(doc, item)` drawing
/// item `item` (0-based) into the file's document. Files are built on `threads` workers in
/// parallel, each file written atomically, so memory stays bounded by about one file per
/// worker whatever the job size. Returns the paths in order. If anything fails, the files
/// already written by this call are removed, so a failed job leaves no partial series.
///
/// # Errors
/// The first error of `render` or of writing a file, or [`PrintError::Worker`] if a worker
/// panicked.
pub fn write_series<F>(
    engine: &Engine,
    opts: &SeriesOptions,
    items: usize,
    render: F,
) -> Result<Vec<PathBuf>>
where
    F: Fn(&mut DocBuilder<'_>, usize) -> Result<()> + Sync,
{
    let per_file = opts.items_per_file.max(1);
    let files = items.div_ceil(per_file);
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .clamp(1, files.max(1));
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let written = Mutex::new(Vec::with_capacity(files));
    let first_error = Mutex::new(None);

    let worker = || {
        while !failed.load(Ordering::Relaxed) {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= files {
                break;
            }
            let range = index * per_file..((index + 1) * per_file).min(items);
            let path = opts.file_path(index);
            match write_one(engine, opts, range, &path, &render) {
                Ok(()) => lock(&written).push((index, path)),
                Err(e) => {
                    failed.store(true, Ordering::Relaxed);
                    lock(&first_error).get_or_insert(e);
                }
            }
        }
    };
    let panicked = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(worker)).collect();
        handles.into_iter().any(|h| h.join().is_err())
    });

    let mut written = written.into_inner().unwrap_or_else(|e| e.into_inner());
    let error = first_error.into_inner().unwrap_or_else(|e| e.into_inner());
    let error = error.or(panicked.then_some(PrintError::Worker));
    if let Some(error) = error {
        for (_, path) in &written {
            let _ = fs::remove_file(path);
        }
        return Err(error);
    }
    written.sort_by_key(|(i, _)| *i);
    Ok(written.into_iter().map(|(_, p)| p).collect())
}

fn write_one<F>(
    engine: &Engine,
    opts: &SeriesOptions,
    range: std::ops::Range<usize>,
    path: &Path,
    render: &F,
) -> Result<()>
where
    F: Fn(&mut DocBuilder<'_>, usize) -> Result<()>,
{
    let mut doc = opts.document(engine);
    for item in range {
        render(&mut doc, item)?;
    }
    doc.write(path)
}
