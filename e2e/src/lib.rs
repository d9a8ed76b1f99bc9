//! Drive the real Sajja desktop window through WebDriver.
//!
//! [`App::launch`] starts `tauri-driver` on two free ports (its own and WebKitWebDriver's),
//! waits until both accept connections, then opens a WebDriver session whose "browser" is the
//! debug build of `sajja-desktop` started with `--db <file>`. The helpers wait for CSS
//! selectors (polling, up to [`WAIT`]), type, press keys, read text and take screenshots.
//!
//! Clean-up: [`App::close`] ends the session (which closes the app window) and stops
//! `tauri-driver` with SIGTERM. SIGKILL would orphan WebKitWebDriver, because tauri-driver
//! stops it only from its signal handler. If a test panics, `Drop` does the same clean-up.
//!
//! Each app gets an X display of its own (a private `Xvfb`, when it is installed): the tests of
//! one file run at the same time, and two windows on one display take the keyboard focus from
//! each other (the page being typed into loses `document.hasFocus()`). Without
//! `Xvfb` the app uses the display it was given: run the tests under `xvfb-run -a`, after
//! `cargo build --workspace`.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use fantoccini::elements::Element;
pub use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};

/// How long the helpers poll for something to appear. Generous: a passing check returns as soon
/// as the state is there, and on a laptop busy with a build (or a CI machine running several
/// windows at once) a screen can take many seconds to answer; only a real failure waits it out.
pub const WAIT: Duration = Duration::from_secs(45);
/// How long the demo group may take to build before its first screen (a few seconds on an
/// idle laptop; many times that beside a build).
pub const DEMO_WAIT: Duration = Duration::from_secs(240);
const POLL: Duration = Duration::from_millis(100);

/// The workspace folder (parent of this crate).
pub fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("e2e crate sits inside the workspace")
        .to_path_buf()
}

/// The cargo target folder: `CARGO_TARGET_DIR` if set (relative paths are taken from the
/// workspace folder), else `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_dir().join(dir)
            }
        }
        _ => workspace_dir().join("target"),
    }
}

/// Runs the real `sajja` command line on `db` with environment variables `env` (PINs for
/// `--as`); it must succeed. Returns what it printed on stdout.
pub fn sajja_env(db: &Path, env: &[(&str, &str)], args: &[&str]) -> String {
    let program = target_dir().join("debug").join("sajja");
    let out = Command::new(&program)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("SAJJA_DB")
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e})", program.display()));
    assert!(
        out.status.success(),
        "sajja {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs the real `sajja` command line on `db`; it must succeed.
pub fn sajja(db: &Path, args: &[&str]) {
    let program = target_dir().join("debug").join("sajja");
    let out = Command::new(&program)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("SAJJA_DB")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e})", program.display()));
    assert!(
        out.status.success(),
        "sajja {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Makes the apps this process starts save documents under `docs` and "open" files with a
/// program that only writes down what it was asked to open (the app inherits both variables
/// through tauri-driver). Returns what was opened so far, one path a line, in order.
pub fn record_openings(dir: &Path, docs: &Path) -> impl Fn() -> String {
    std::env::set_var("SAJJA_PRINT_DIR", docs);
    let log = dir.join("opened.txt");
    let opener = dir.join("open-with.sh");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display()),
    )
    .expect("write the recording opener");
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("make the opener runnable");
    std::env::set_var("SAJJA_OPEN_WITH", &opener);
    move || std::fs::read_to_string(&log).unwrap_or_default()
}

/// The debug build of the desktop app.
pub fn app_binary() -> PathBuf {
    target_dir().join("debug").join("sajja-desktop")
}

/// Where screenshots go: `<target>/e2e-shots/`.
pub fn shots_dir() -> PathBuf {
    target_dir().join("e2e-shots")
}

/// The `tauri-driver` program: `TAURI_DRIVER` if set, else the one on PATH, else the one
/// `cargo install` put in `$CARGO_HOME/bin` (default `~/.cargo/bin`).
fn tauri_driver_program() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join("tauri-driver");
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    cargo_home.join("bin").join("tauri-driver")
}

/// Two distinct free TCP ports on localhost (both listeners are held until both are known).
fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a free port");
    let b = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a free port");
    let ports = (
        a.local_addr().expect("port").port(),
        b.local_addr().expect("port").port(),
    );
    drop((a, b));
    ports
}

fn wait_for_port(port: u16, driver: &mut Child) {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let deadline = Instant::now() + WAIT;
    loop {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = driver.try_wait() {
            panic!("tauri-driver exited ({status}) before port {port} opened");
        }
        if Instant::now() > deadline {
            panic!("port {port} did not open within {WAIT:?}");
        }
        std::thread::sleep(POLL);
    }
}

/// `failure-<test name>.png` (libtest names the thread after the test).
fn failure_shot_name() -> String {
    let test = std::thread::current()
        .name()
        .unwrap_or("test")
        .replace("::", "-");
    format!("failure-{test}.png")
}

/// A private virtual X display for one app window; stopped on drop (after the driver).
struct Display {
    child: Child,
    /// The `DISPLAY` value, e.g. `:99`.
    name: String,
}

impl Display {
    /// Start `Xvfb` on a free display number (it picks one and reports it through
    /// `-displayfd`, once it accepts connections). `None` when `Xvfb` is not installed: the app
    /// then uses the inherited `DISPLAY`.
    fn start() -> Option<Display> {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x1024x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let stdout = child.stdout.take().expect("Xvfb stdout piped");
        let mut line = String::new();
        let read = BufReader::new(stdout).read_line(&mut line);
        let number = line.trim();
        if read.is_err() || number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Xvfb did not report its display (it said {line:?})");
        }
        Some(Display {
            name: format!(":{number}"),
            child,
        })
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        // SIGTERM, so Xvfb removes its lock file and socket.
        terminate(&mut self.child);
    }
}

/// Stops `child` with SIGTERM, so it can clean up after itself; killed if it is still running
/// five seconds later.
fn terminate(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A running `tauri-driver`; stopped with SIGTERM on drop.
struct Driver {
    child: Child,
    port: u16,
    /// The app's temporary folder (`TMPDIR`), removed after the app stops: an app stopped by
    /// the driver never closes normally, so a demo group's file would stay behind otherwise.
    _temp: tempfile::TempDir,
    /// The app's own display; declared last so it outlives the driver and the app.
    _display: Option<Display>,
}

impl Driver {
    fn start() -> Driver {
        let program = tauri_driver_program();
        let (port, native_port) = free_ports();
        let temp = tempfile::tempdir().expect("a temporary folder for the app");
        let display = Display::start();
        let mut command = Command::new(&program);
        if let Some(display) = &display {
            command.env("DISPLAY", &display.name);
        }
        let child = command
            .env("TMPDIR", temp.path())
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {} ({e}); run `bash .ci/setup` to install it",
                    program.display()
                )
            });
        let mut driver = Driver {
            child,
            port,
            _temp: temp,
            _display: display,
        };
        // tauri-driver's own port opens before WebKitWebDriver's: wait for both.
        wait_for_port(port, &mut driver.child);
        wait_for_port(native_port, &mut driver.child);
        driver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM, not SIGKILL: tauri-driver stops WebKitWebDriver from its signal handler.
        terminate(&mut self.child);
    }
}

/// One running desktop app on one books file, driven through WebDriver.
pub struct App {
    client: Option<Client>,
    // Declared after `client`: dropped last, once the session is gone.
    driver: Option<Driver>,
    db: PathBuf,
    started: Instant,
}

impl App {
    /// Start the app on `db` (which may not exist yet: the app then shows its first-start screen).
    pub async fn launch(db: &Path) -> App {
        let binary = app_binary();
        assert!(
            binary.is_file(),
            "{} is missing: run `cargo build --workspace` first",
            binary.display()
        );
        let started = Instant::now();
        let _ = std::fs::remove_file(shots_dir().join(failure_shot_name()));
        let driver = Driver::start();
        let mut app = App {
            client: None,
            driver: Some(driver),
            db: db.to_path_buf(),
            started,
        };
        app.client = Some(app.new_session().await);
        app
    }

    async fn new_session(&self) -> Client {
        let driver = self.driver.as_ref().expect("driver running");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({
                "application": app_binary(),
                "args": ["--db", self.db],
            }),
        );
        let mut last_error = String::new();
        for attempt in 1..=5 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&driver.url())
                .await
            {
                Ok(client) => return client,
                Err(e) => {
                    last_error = e.to_string();
                    eprintln!("e2e: new session attempt {attempt} failed: {e}");
                    tokio::time::sleep(Duration::from_millis(300 * attempt)).await;
                }
            }
        }
        panic!("could not start a WebDriver session: {last_error}");
    }

    /// Close the app and start it again on the same file (same tauri-driver).
    pub async fn restart(&mut self) {
        if let Some(client) = self.client.take() {
            client.close().await.expect("close the session");
        }
        self.client = Some(self.new_session().await);
    }

    /// The books file this app was started with.
    pub fn db(&self) -> &Path {
        &self.db
    }

    /// Time since [`App::launch`] began.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The WebDriver client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("session open")
    }

    /// Wait (up to [`WAIT`]) until `css` matches a displayed element, and return it.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.wait_for_within(css, WAIT).await
    }

    /// [`App::wait_for`] with its own limit, for work that is long by nature (the demo group
    /// is built with months of history before its first screen shows).
    pub async fn wait_for_within(&self, css: &str, limit: Duration) -> Element {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(el) = self.client().find(Locator::Css(css)).await {
                if el.is_displayed().await.unwrap_or(false) {
                    return el;
                }
            }
            if Instant::now() > deadline {
                self.failure_shot().await;
                panic!("timed out after {limit:?} waiting for `{css}`");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait until the text of `css` contains `needle`; return the whole text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = String::new();
        loop {
            if let Ok(el) = self.client().find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(needle) {
                        return text;
                    }
                    seen = text;
                }
            }
            if Instant::now() > deadline {
                self.failure_shot().await;
                panic!("timed out waiting for `{css}` to contain {needle:?}; it shows {seen:?}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait until the element with keyboard focus has the id `id`; `why` says what the
    /// test expected, in the failure message.
    pub async fn wait_for_focus(&self, id: &str, why: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.focused_id().await;
            if now == id {
                return;
            }
            if Instant::now() > deadline {
                self.failure_shot().await;
                panic!("timed out after {WAIT:?} waiting for the cursor in #{id} ({why}); it is in #{now:?}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait until the element with keyboard focus matches `css` (e.g. the next field after
    /// Enter); `why` says what the test expected, in the failure message.
    pub async fn wait_for_focus_on(&self, css: &str, why: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let here = self
                .client()
                .execute(
                    "const a = document.activeElement; return !!a && a.matches(arguments[0]);",
                    vec![serde_json::Value::from(css)],
                )
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if here {
                return;
            }
            if Instant::now() > deadline {
                self.failure_shot().await;
                panic!("timed out after {WAIT:?} waiting for the cursor in `{css}` ({why})");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait until the form field `css` holds exactly `expected`.
    pub async fn wait_for_value(&self, css: &str, expected: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.value(css).await;
            if now == expected {
                return;
            }
            if Instant::now() > deadline {
                self.failure_shot().await;
                panic!("timed out after {WAIT:?} waiting for `{css}` to hold {expected:?}; it holds {now:?}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait until exactly `n` elements match `css`.
    pub async fn wait_for_count(&self, css: &str, n: usize, why: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.count(css).await;
            if now == n {
                return;
            }
            if Instant::now() > deadline {
                self.failure_shot().await;
                panic!(
                    "timed out after {WAIT:?} waiting for {n} of `{css}` ({why}); there are {now}"
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait until nothing matches `css` (or nothing displayed does).
    pub async fn wait_gone(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let mut visible = false;
            for el in self
                .client()
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default()
            {
                visible |= el.is_displayed().await.unwrap_or(false);
            }
            if !visible {
                return;
            }
            if Instant::now() > deadline {
                self.failure_shot().await;
                panic!("timed out after {WAIT:?} waiting for `{css}` to go away");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// A date outside the open accounting month was sent: the app asks once, naming the date
    /// and the open month (`open_month`, e.g. "มกราคม 2568"); say yes with F2.
    pub async fn confirm_outside_month(&self, open_month: &str) {
        self.wait_for_text("#month-check-open", open_month).await;
        self.press_key(Key::F2).await;
        self.wait_gone("#month-check").await;
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> usize {
        self.client()
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// The visible text of `css` (waits for it first).
    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.expect("read text")
    }

    /// The attribute `name` of `css` (waits for it first); empty when it has none.
    pub async fn attr(&self, css: &str, name: &str) -> String {
        self.wait_for(css)
            .await
            .attr(name)
            .await
            .expect("read attribute")
            .unwrap_or_default()
    }

    /// The `value` of a form field.
    pub async fn value(&self, css: &str) -> String {
        self.wait_for(css)
            .await
            .prop("value")
            .await
            .expect("read value")
            .unwrap_or_default()
    }

    /// Click `css` (waits for it first).
    pub async fn click(&self, css: &str) {
        // Like `select`: a button drawn again between finding it and clicking it is clicked
        // on the screen as it is now.
        let deadline = Instant::now() + WAIT;
        loop {
            match self.wait_for(css).await.click().await {
                Ok(()) => return,
                Err(e) if e.is_stale_element_reference() && Instant::now() < deadline => {
                    tokio::time::sleep(POLL).await;
                }
                Err(e) => panic!("click `{css}`: {e:?}"),
            }
        }
    }

    /// Clear the field `css` and type `text` into it (an empty `text` just empties it and
    /// tells the page, as typing would, with an `input` event).
    pub async fn type_into(&self, css: &str, text: &str) {
        self.keep_focus_journal().await;
        let el = self.wait_for(css).await;
        el.clear().await.expect("clear field");
        if text.is_empty() {
            let arg = serde_json::to_value(&el).expect("element reference");
            self.client()
                .execute(
                    "arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
                    vec![arg],
                )
                .await
                .expect("signal the emptied field");
        } else {
            el.send_keys(text).await.expect("type into field");
            // On a machine busy with other work, WebKit has been seen to drop the last keys of
            // a burst ("20/3/2568" arrived as "20/3/25"). What a person would do: look at the
            // field and type it again. A field the page rewrites (a month typed as "10/2569"
            // shown otherwise) keeps what the page made of it after the second try.
            if !self.value_becomes(css, text, Duration::from_secs(3)).await {
                let el = self.wait_for(css).await;
                el.clear().await.expect("clear field");
                el.send_keys(text).await.expect("type into field");
                if !self.value_becomes(css, text, Duration::from_secs(3)).await {
                    eprintln!(
                        "e2e: `{css}` shows {:?} after typing {text:?}",
                        self.value(css).await
                    );
                }
            }
        }
    }

    /// Whether the field `css` holds exactly `expected` within `within`.
    async fn value_becomes(&self, css: &str, expected: &str, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        loop {
            if self.value(css).await == expected {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Choose the option whose value is `value` in the select `css`. A screen that draws
    /// itself again (its lists loaded, a record just saved) replaces its form: the select found
    /// a moment before is then gone ("stale"), and the choice is made on the new one, as a
    /// person's next look at the screen would.
    pub async fn select(&self, css: &str, value: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.wait_for(css).await.select_by_value(value).await {
                Ok(()) => return,
                Err(e) if e.is_stale_element_reference() && Instant::now() < deadline => {
                    tokio::time::sleep(POLL).await;
                }
                Err(e) => panic!("select option {value:?} in `{css}`: {e:?}"),
            }
        }
    }

    /// Keep, in the page, the last moves of the keyboard focus (with the script lines that
    /// made each move) and the last keys, for a failure report: keys that land in the wrong
    /// field then say who moved the cursor. Installed once per page; the report prints it.
    async fn keep_focus_journal(&self) {
        const SCRIPT: &str = r#"
            if (window.__e2eFocusJournal) return;
            const journal = (window.__e2eFocusJournal = []);
            const note = (line) => {
              journal.push(`${Math.round(performance.now())} ms ${line}`);
              if (journal.length > 80) journal.shift();
            };
            const name = (e) => e && e.tagName
              ? `${e.tagName.toLowerCase()}#${e.id || ''}[name=${e.getAttribute('name') || ''}]` : 'none';
            document.addEventListener('focusin', (e) => {
              const by = (new Error().stack || '').split('\n').slice(1, 5).map((l) => l.trim()).join(' < ');
              const what = name(e.target);
              note(`focus ${what} by ${by || 'the browser'}`);
              // The first frame drawn after the move: a task queued from the frame's callback
              // runs once that frame's style, layout and paint are done.
              requestAnimationFrame(() => setTimeout(() => note(`drawn after focus ${what}`), 0));
            }, true);
            document.addEventListener('keydown', (e) => note(`key ${e.key} in ${name(e.target)}`), true);
        "#;
        let _ = self.client().execute(SCRIPT, vec![]).await;
    }

    /// Press `key` in the element `css` (e.g. Enter to move on or submit).
    pub async fn press(&self, css: &str, key: Key) {
        self.keep_focus_journal().await;
        self.wait_for(css)
            .await
            .send_keys(&char::from(key).to_string())
            .await
            .expect("press key");
    }

    /// Press `key` wherever the keyboard focus is now.
    pub async fn press_key(&self, key: Key) {
        self.type_keys(&char::from(key).to_string()).await;
    }

    /// Type `text` wherever the keyboard focus is now.
    pub async fn type_keys(&self, text: &str) {
        let el = self
            .client()
            .active_element()
            .await
            .expect("focused element");
        match el.send_keys(text).await {
            Ok(()) => {}
            // The focus is on something that takes no typing (the page itself, after a screen
            // replaced the focused field): press the keys as a keyboard would, into whatever
            // has the focus, the way the person at the laptop does.
            Err(e) if e.is_element_not_interactable() => self.keyboard(text).await,
            Err(e) => panic!("type keys: {e:?}"),
        }
    }

    /// `text` pressed on the keyboard (WebDriver actions): modifier keys (Alt, Control, Shift)
    /// stay down until the end, as in `send_keys`.
    async fn keyboard(&self, text: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let modifiers = [Key::Alt, Key::Control, Key::Shift, Key::Meta].map(char::from);
        let mut actions = KeyActions::new("keyboard".to_string());
        let mut held = Vec::new();
        for c in text.chars() {
            actions = actions.then(KeyAction::Down { value: c });
            if modifiers.contains(&c) {
                held.push(c);
            } else {
                actions = actions.then(KeyAction::Up { value: c });
            }
        }
        for c in held.into_iter().rev() {
            actions = actions.then(KeyAction::Up { value: c });
        }
        self.client()
            .perform_actions(actions)
            .await
            .expect("press keys");
        let _ = self.client().release_actions().await;
    }

    /// The `id` of the element that has keyboard focus.
    pub async fn focused_id(&self) -> String {
        let el = self
            .client()
            .active_element()
            .await
            .expect("focused element");
        el.attr("id").await.ok().flatten().unwrap_or_default()
    }

    /// Save a PNG of the window as `<target>/e2e-shots/<name>.png`; returns the path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client().screenshot().await.expect("screenshot");
        let dir = shots_dir();
        std::fs::create_dir_all(&dir).expect("create screenshot folder");
        let path = dir.join(format!("{name}.png"));
        let mut f = std::fs::File::create(&path).expect("create screenshot file");
        f.write_all(&png).expect("write screenshot");
        path
    }

    /// On a timeout: keep a picture of what the window showed, for the failure report.
    async fn failure_shot(&self) {
        if let Ok(png) = self.client().screenshot().await {
            let dir = shots_dir();
            let _ = std::fs::create_dir_all(&dir);
            let path = dir.join(failure_shot_name());
            if std::fs::write(&path, png).is_ok() {
                eprintln!("e2e: the window at the time of failure: {}", path.display());
            }
        }
        eprintln!(
            "e2e: the page at the time of failure:\n{}",
            self.page_state().await
        );
    }

    /// What the page shows, in words, for a failure report: the URL, the focused element,
    /// every error shown, and the visible text of the screen (shortened).
    async fn page_state(&self) -> String {
        const SCRIPT: &str = r#"
            const a = document.activeElement;
            const focus = a ? `${a.tagName.toLowerCase()}#${a.id || ''}[name=${a.getAttribute('name') || ''}]` : 'none';
            const errors = [...document.querySelectorAll('.field-error, .error-summary:not([hidden]), [role=alert]')]
              .map((e) => `${e.className}: ${e.innerText.trim()}`).filter((t) => !t.endsWith(': '));
            const main = document.querySelector('main') || document.body;
            const journal = (window.__e2eFocusJournal || []).join('\n  ');
            return `url: ${location.href}
focus: ${focus}
errors: ${JSON.stringify(errors)}
focus and keys, newest last:
  ${journal}
screen: ${main.innerText.slice(0, 3000)}`;
        "#;
        match self.client().execute(SCRIPT, vec![]).await {
            Ok(v) => v.as_str().unwrap_or_default().to_string(),
            Err(e) => format!("(could not read the page: {e})"),
        }
    }

    /// End the session (closing the app) and stop tauri-driver.
    pub async fn close(mut self) {
        if let Some(client) = self.client.take() {
            client.close().await.expect("close the session");
        }
        self.driver.take();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A test that panicked still closes the window before tauri-driver is stopped. Blocking
        // inside the test's runtime needs a multi-thread runtime (`#[tokio::test(flavor =
        // "multi_thread")]`); otherwise the app is left to WebKitWebDriver's own shutdown.
        if let Some(client) = self.client.take() {
            if let Ok(handle) = tokio::runtime::Handle::try_current() {
                if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread {
                    tokio::task::block_in_place(|| {
                        let _ = handle
                            .block_on(tokio::time::timeout(Duration::from_secs(5), client.close()));
                    });
                }
            }
        }
        self.driver.take();
    }
}
