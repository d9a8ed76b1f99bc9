//! A power cut, simulated: an SQLite VFS that wraps the platform's own (`unix`), passes every
//! call through, and records — for the files under one folder — every write, truncate, fsync
//! and delete in the order they happened, from every connection and thread. From a recording,
//! [`Recording::crash_image`] builds the files a disk could hold after losing power at any
//! point: what each file had when it was last fsynced, plus any subset of the writes made
//! after that (a disk may have written some, none or all of them, in any order), with a
//! chosen write torn at a sector boundary. This is how SQLite's own crash tests model a power
//! loss (test6.c, "crash" VFS): only what an fsync confirmed is certain.
//!
//! The shared-memory index (`-shm`) is memory that a reboot wipes; it is never part of an
//! image (SQLite rebuilds it from the WAL).
//!
//! `unsafe`: a VFS is a table of C callbacks that SQLite calls with raw pointers. Every
//! callback only forwards to the wrapped VFS with the pointers SQLite gave, or reads the
//! buffer SQLite passed with the length it passed.

#![allow(unsafe_code)]

use std::collections::BTreeMap;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use rusqlite::ffi;

/// One thing done to a file, in the order SQLite did it.
#[derive(Clone, Debug)]
pub enum Op {
    Write {
        file: String,
        offset: u64,
        data: Vec<u8>,
    },
    Truncate {
        file: String,
        size: u64,
    },
    Sync {
        file: String,
    },
    Delete {
        file: String,
    },
}

struct Log {
    /// Files whose full path starts with this are recorded (by file name).
    watched: Option<PathBuf>,
    recording: bool,
    ops: Vec<Op>,
}

static LOG: Mutex<Log> = Mutex::new(Log {
    watched: None,
    recording: false,
    ops: Vec::new(),
});

fn log() -> std::sync::MutexGuard<'static, Log> {
    LOG.lock().unwrap_or_else(|p| p.into_inner())
}

/// The name under which a path is recorded, if it is watched.
fn watched_name(path: &str) -> Option<String> {
    let log = log();
    let dir = log.watched.as_ref()?;
    let p = Path::new(path);
    if p.parent()? != dir.as_path() {
        return None;
    }
    Some(p.file_name()?.to_string_lossy().into_owned())
}

fn record(op: Op) {
    let mut log = log();
    if log.recording {
        log.ops.push(op);
    }
}

/// Our file: SQLite's header (its methods), the watched name, then the wrapped VFS's file in
/// the same allocation (SQLite allocates `szOsFile` bytes for each open file).
#[repr(C)]
struct ShimFile {
    base: ffi::sqlite3_file,
    /// `Box<String>` of the watched name, or null.
    name: *mut String,
}

const SHIM: usize = std::mem::size_of::<ShimFile>().next_multiple_of(16);

fn real(file: *mut ffi::sqlite3_file) -> *mut ffi::sqlite3_file {
    // SAFETY: SQLite allocated `szOsFile` = SHIM + the wrapped VFS's size for this file; the
    // wrapped file starts SHIM bytes in.
    unsafe { (file as *mut u8).add(SHIM) as *mut ffi::sqlite3_file }
}

fn name_of(file: *mut ffi::sqlite3_file) -> Option<String> {
    // SAFETY: `file` is one of ours (its methods are `IO`), so it is a `ShimFile`.
    let p = unsafe { (*(file as *mut ShimFile)).name };
    // SAFETY: set from `Box::into_raw` in `x_open`, freed only in `x_close`.
    (!p.is_null()).then(|| unsafe { (*p).clone() })
}

/// The wrapped file's methods.
fn methods(file: *mut ffi::sqlite3_file) -> &'static ffi::sqlite3_io_methods {
    // SAFETY: the wrapped file was opened successfully, so its methods are set and static.
    unsafe { &*(*real(file)).pMethods }
}

fn under() -> *mut ffi::sqlite3_vfs {
    UNDER.get().copied().expect("registered").0
}

#[derive(Clone, Copy)]
struct VfsPtr(*mut ffi::sqlite3_vfs);
// SAFETY: SQLite's VFS objects are process-wide and thread-safe once registered.
unsafe impl Send for VfsPtr {}
unsafe impl Sync for VfsPtr {}

static UNDER: OnceLock<VfsPtr> = OnceLock::new();
static OURS: OnceLock<VfsPtr> = OnceLock::new();

unsafe extern "C" fn x_open(
    _vfs: *mut ffi::sqlite3_vfs,
    z_name: ffi::sqlite3_filename,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    let shim = file as *mut ShimFile;
    (*shim).base.pMethods = std::ptr::null();
    (*shim).name = std::ptr::null_mut();
    let u = under();
    let rc = ((*u).xOpen.expect("xOpen"))(u, z_name, real(file), flags, out_flags);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    if !z_name.is_null() {
        let path = CStr::from_ptr(z_name).to_string_lossy();
        if let Some(name) = watched_name(&path) {
            (*shim).name = Box::into_raw(Box::new(name));
        }
    }
    (*shim).base.pMethods = &IO;
    rc
}

unsafe extern "C" fn x_delete(
    vfs: *mut ffi::sqlite3_vfs,
    z_name: *const c_char,
    sync_dir: c_int,
) -> c_int {
    let _ = vfs;
    let u = under();
    let rc = ((*u).xDelete.expect("xDelete"))(u, z_name, sync_dir);
    if rc == ffi::SQLITE_OK && !z_name.is_null() {
        if let Some(file) = watched_name(&CStr::from_ptr(z_name).to_string_lossy()) {
            record(Op::Delete { file });
        }
    }
    rc
}

unsafe extern "C" fn io_close(file: *mut ffi::sqlite3_file) -> c_int {
    let rc = (methods(file).xClose.expect("xClose"))(real(file));
    let shim = file as *mut ShimFile;
    if !(*shim).name.is_null() {
        drop(Box::from_raw((*shim).name));
        (*shim).name = std::ptr::null_mut();
    }
    rc
}

unsafe extern "C" fn io_read(
    file: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    n: c_int,
    off: i64,
) -> c_int {
    (methods(file).xRead.expect("xRead"))(real(file), buf, n, off)
}

unsafe extern "C" fn io_write(
    file: *mut ffi::sqlite3_file,
    buf: *const c_void,
    n: c_int,
    off: i64,
) -> c_int {
    let rc = (methods(file).xWrite.expect("xWrite"))(real(file), buf, n, off);
    if rc == ffi::SQLITE_OK {
        if let Some(name) = name_of(file) {
            let data = std::slice::from_raw_parts(buf as *const u8, n as usize).to_vec();
            record(Op::Write {
                file: name,
                offset: off as u64,
                data,
            });
        }
    }
    rc
}

unsafe extern "C" fn io_truncate(file: *mut ffi::sqlite3_file, size: i64) -> c_int {
    let rc = (methods(file).xTruncate.expect("xTruncate"))(real(file), size);
    if rc == ffi::SQLITE_OK {
        if let Some(name) = name_of(file) {
            record(Op::Truncate {
                file: name,
                size: size as u64,
            });
        }
    }
    rc
}

unsafe extern "C" fn io_sync(file: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    let rc = (methods(file).xSync.expect("xSync"))(real(file), flags);
    if rc == ffi::SQLITE_OK {
        if let Some(name) = name_of(file) {
            record(Op::Sync { file: name });
        }
    }
    rc
}

unsafe extern "C" fn io_file_size(file: *mut ffi::sqlite3_file, size: *mut i64) -> c_int {
    (methods(file).xFileSize.expect("xFileSize"))(real(file), size)
}
unsafe extern "C" fn io_lock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    (methods(file).xLock.expect("xLock"))(real(file), level)
}
unsafe extern "C" fn io_unlock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    (methods(file).xUnlock.expect("xUnlock"))(real(file), level)
}
unsafe extern "C" fn io_check_reserved(file: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    (methods(file)
        .xCheckReservedLock
        .expect("xCheckReservedLock"))(real(file), out)
}
unsafe extern "C" fn io_file_control(
    file: *mut ffi::sqlite3_file,
    op: c_int,
    arg: *mut c_void,
) -> c_int {
    (methods(file).xFileControl.expect("xFileControl"))(real(file), op, arg)
}
unsafe extern "C" fn io_sector_size(file: *mut ffi::sqlite3_file) -> c_int {
    (methods(file).xSectorSize.expect("xSectorSize"))(real(file))
}
unsafe extern "C" fn io_device(file: *mut ffi::sqlite3_file) -> c_int {
    (methods(file)
        .xDeviceCharacteristics
        .expect("xDeviceCharacteristics"))(real(file))
}
unsafe extern "C" fn io_shm_map(
    file: *mut ffi::sqlite3_file,
    page: c_int,
    size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    (methods(file).xShmMap.expect("xShmMap"))(real(file), page, size, extend, out)
}
unsafe extern "C" fn io_shm_lock(
    file: *mut ffi::sqlite3_file,
    offset: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    (methods(file).xShmLock.expect("xShmLock"))(real(file), offset, n, flags)
}
unsafe extern "C" fn io_shm_barrier(file: *mut ffi::sqlite3_file) {
    (methods(file).xShmBarrier.expect("xShmBarrier"))(real(file))
}
unsafe extern "C" fn io_shm_unmap(file: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    (methods(file).xShmUnmap.expect("xShmUnmap"))(real(file), delete)
}

/// Version 2: shared memory (WAL) but no memory-mapped reads, so every page write passes
/// through `xWrite` and is recorded.
static IO: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
    iVersion: 2,
    xClose: Some(io_close),
    xRead: Some(io_read),
    xWrite: Some(io_write),
    xTruncate: Some(io_truncate),
    xSync: Some(io_sync),
    xFileSize: Some(io_file_size),
    xLock: Some(io_lock),
    xUnlock: Some(io_unlock),
    xCheckReservedLock: Some(io_check_reserved),
    xFileControl: Some(io_file_control),
    xSectorSize: Some(io_sector_size),
    xDeviceCharacteristics: Some(io_device),
    xShmMap: Some(io_shm_map),
    xShmLock: Some(io_shm_lock),
    xShmBarrier: Some(io_shm_barrier),
    xShmUnmap: Some(io_shm_unmap),
    xFetch: None,
    xUnfetch: None,
};

/// Makes the recording VFS the process's default (every connection opened from now on goes
/// through it, the books' checkpoint thread included). Idempotent.
pub fn install() {
    OURS.get_or_init(|| {
        // SAFETY: `sqlite3_vfs_find(NULL)` initialises SQLite and returns the default VFS,
        // which lives as long as the process. Our copy is leaked, so it does too.
        unsafe {
            let u = ffi::sqlite3_vfs_find(std::ptr::null());
            assert!(!u.is_null(), "no default SQLite VFS");
            UNDER.set(VfsPtr(u)).ok();
            let mut ours: ffi::sqlite3_vfs = *u;
            ours.pNext = std::ptr::null_mut();
            ours.zName = CString::new("powercut").unwrap().into_raw();
            ours.szOsFile = (SHIM + (*u).szOsFile as usize) as c_int;
            ours.xOpen = Some(x_open);
            ours.xDelete = Some(x_delete);
            let ours = Box::into_raw(Box::new(ours));
            assert_eq!(ffi::sqlite3_vfs_register(ours, 1), ffi::SQLITE_OK);
            VfsPtr(ours)
        }
    });
}

/// Starts recording the files directly in `dir`, with what they hold now as the starting
/// point. `-shm` files are left out.
pub fn start(dir: &Path) -> Recording {
    let dir = dir.canonicalize().expect("watched folder");
    let mut base = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("read the folder").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() && !name.ends_with("-shm") {
            base.insert(name, std::fs::read(entry.path()).expect("read a file"));
        }
    }
    let mut log = log();
    log.watched = Some(dir);
    log.recording = true;
    log.ops.clear();
    Recording {
        base,
        ops: Vec::new(),
    }
}

/// How many operations have been recorded so far (a point in time).
pub fn now() -> usize {
    log().ops.len()
}

/// Stops recording and returns everything recorded since [`start`].
pub fn stop(mut recording: Recording) -> Recording {
    let mut log = log();
    log.recording = false;
    log.watched = None;
    recording.ops = std::mem::take(&mut log.ops);
    recording
}

/// The starting files and every operation done to them since.
pub struct Recording {
    pub base: BTreeMap<String, Vec<u8>>,
    pub ops: Vec<Op>,
}

/// A file as the disk has it: `None` = absent.
type Files = BTreeMap<String, Option<Vec<u8>>>;

fn apply(content: &mut Option<Vec<u8>>, op: &Op) {
    match op {
        Op::Write { offset, data, .. } => {
            let c = content.get_or_insert_with(Vec::new);
            let end = *offset as usize + data.len();
            if c.len() < end {
                c.resize(end, 0);
            }
            c[*offset as usize..end].copy_from_slice(data);
        }
        Op::Truncate { size, .. } => {
            content
                .get_or_insert_with(Vec::new)
                .resize(*size as usize, 0);
        }
        Op::Sync { .. } | Op::Delete { .. } => {}
    }
}

fn file_of(op: &Op) -> &str {
    match op {
        Op::Write { file, .. }
        | Op::Truncate { file, .. }
        | Op::Sync { file }
        | Op::Delete { file } => file,
    }
}

impl Recording {
    /// The files after a power cut just after the first `cut` operations: each file as its
    /// last fsync left it, then each later write or truncate of it kept or lost at random
    /// (`rng`), and one kept write torn at a 512-byte sector (only its first sectors reached
    /// the disk) now and then.
    pub fn crash_image(&self, cut: usize, rng: &mut fastrand_like::Rng) -> Files {
        let mut durable: Files = self
            .base
            .iter()
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect();
        let mut pending: BTreeMap<String, Vec<&Op>> = BTreeMap::new();
        for op in &self.ops[..cut] {
            let file = file_of(op).to_string();
            match op {
                Op::Write { .. } | Op::Truncate { .. } => pending.entry(file).or_default().push(op),
                Op::Sync { .. } => {
                    let content = durable.entry(file.clone()).or_insert(None);
                    for p in pending.remove(&file).unwrap_or_default() {
                        apply(content, p);
                    }
                }
                Op::Delete { .. } => {
                    // SQLite deletes (a finished WAL) with the folder synced: certain at once.
                    pending.remove(&file);
                    durable.insert(file, None);
                }
            }
        }
        for (file, ops) in pending {
            let content = durable.entry(file).or_insert(None);
            for op in ops {
                if !rng.bool() {
                    continue;
                }
                match op {
                    Op::Write { file, offset, data } if data.len() > 512 && rng.u32(0..4) == 0 => {
                        let sectors = rng.usize(1..data.len().div_ceil(512));
                        let torn = Op::Write {
                            file: file.clone(),
                            offset: *offset,
                            data: data[..sectors * 512].to_vec(),
                        };
                        apply(content, &torn);
                    }
                    _ => apply(content, op),
                }
            }
        }
        durable
    }
}

/// Writes `files` into `dir` (emptied first), as the disk would hold them after the reboot.
pub fn write_image(dir: &Path, files: &Files) {
    for entry in std::fs::read_dir(dir).expect("read the folder").flatten() {
        if entry.path().is_file() {
            std::fs::remove_file(entry.path()).expect("empty the folder");
        }
    }
    for (name, content) in files {
        if let Some(bytes) = content {
            std::fs::write(dir.join(name), bytes).expect("write an image file");
        }
    }
}

/// A small random source for the images, so this crate needs nothing but rusqlite.
pub mod fastrand_like {
    /// xorshift64*: reproducible from a seed.
    pub struct Rng(u64);

    impl Rng {
        pub fn new(seed: u64) -> Rng {
            Rng(seed.max(1))
        }
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0 = x;
            x.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        pub fn bool(&mut self) -> bool {
            self.next() & 1 == 1
        }
        pub fn u32(&mut self, range: std::ops::Range<u32>) -> u32 {
            range.start + (self.next() % u64::from(range.end - range.start)) as u32
        }
        pub fn usize(&mut self, range: std::ops::Range<usize>) -> usize {
            range.start + (self.next() % (range.end - range.start) as u64) as usize
        }
    }
}
