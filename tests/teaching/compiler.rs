//! Live compiler output for the cases: a throwaway Cargo project whose bins
//! are the case files, checked with `cargo check --message-format=json`, and
//! plain-rustc checks of derived files. Whatever toolchain runs the suite
//! (`cargo +beta test`) is the one asked: rustup passes it on to the cargo
//! and rustc started here.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::claims::Level;

/// One error or warning, as the compiler reported it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub level: Level,
    /// `E0308`, or the lint's name.
    pub code: Option<String>,
    pub message: String,
    /// Where its primary span starts in the file that was compiled, followed
    /// through macro expansions back to that file; `None` if it never gets there.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Its spans: the primary ones and the labelled others.
    pub spans: Vec<Span>,
    /// Its notes and helps, in order.
    pub children: Vec<Child>,
    /// The text the compiler prints for it.
    pub rendered: String,
}

/// Where a span points.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// In the compiled file, or at a macro call in it: line and column (1-based).
    Here { line: usize, column: usize },
    /// Outside it: in std, or in lazy-main's crates. The file as the compiler
    /// names it, and the line.
    Elsewhere { file: String, line: usize },
}

/// One span of a diagnostic or of a note or help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub place: Place,
    pub primary: bool,
    /// The text written under it, such as "expected due to this".
    pub label: Option<String>,
    /// What a suggestion would write there.
    pub replacement: Option<String>,
    /// The columns it covers, when it starts and ends on one line.
    pub width: Option<usize>,
}

/// A note or help under a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Child {
    /// `note`, `help`, ...
    pub level: String,
    pub message: String,
    pub spans: Vec<Span>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{line}:{column}: ")?,
            _ => f.write_str("no line: ")?,
        }
        write!(f, "{}", self.level)?;
        if let Some(code) = &self.code {
            write!(f, "[{code}]")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// `rustc --version` of the toolchain in charge.
pub fn rustc_version() -> String {
    Command::new(rustc())
        .arg("--version")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map_or_else(
            || "rustc (version unknown)".to_owned(),
            |output| String::from_utf8_lossy(&output.stdout).trim().to_owned(),
        )
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

fn rustc() -> String {
    std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned())
}

/// The directory for throwaway projects: `target/tests/teaching`, found from
/// the running executable (`target/debug/deps/ui-…` or
/// `target/debug/examples/learn`), so a custom `--target-dir` is honoured.
pub fn scratch_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.ancestors()
        .find(|dir| {
            dir.file_name()
                .is_some_and(|name| name == "debug" || name == "release")
        })
        .and_then(Path::parent)
        .map_or_else(|| super::root().join("target"), Path::to_path_buf)
        .join("tests/teaching")
}

/// A Cargo project whose targets are case files, depending on the facade crate.
pub struct Project {
    dir: PathBuf,
    edition: &'static str,
    targets: Vec<Target>,
}

/// The editions the suite compiles everything in.
pub const EDITIONS: [&str; 2] = ["2021", "2024"];

/// Dependencies a program may use besides lazy-main: those of the
/// workspace's dev-dependencies that the examples use, as the root manifest
/// states them (trybuild gives its builds every dev-dependency); the lock
/// file copied from the workspace pins the same versions.
const EXTRA_DEPENDENCIES: [&str; 1] = [
    "futures-executor = { version = \"0.3.34\", default-features = false, features = [\"std\"] }",
];

/// One program of a project: a bin, or a test target (compiled with
/// `--test`, so `cfg(test)` holds and its `#[test]` functions are kept).
struct Target {
    name: String,
    path: PathBuf,
    test: bool,
}

/// What `cargo check` or `cargo build` said about each target.
pub struct Checked {
    /// Errors and warnings per target, in the order the compiler gave them.
    pub diagnostics: HashMap<String, Vec<Diagnostic>>,
    /// Targets that compiled.
    pub compiled: Vec<String>,
    /// After `build`: the executable of each target that compiled (for a
    /// test target, the test harness).
    pub executables: HashMap<String, PathBuf>,
}

impl Project {
    /// A project in `scratch_dir()/name`.
    pub fn new(name: &str) -> Self {
        Self::in_edition(name, "2021")
    }

    /// A project in `scratch_dir()/name` whose programs are compiled in `edition`.
    pub fn in_edition(name: &str, edition: &'static str) -> Self {
        Self {
            dir: scratch_dir().join(name),
            edition,
            targets: Vec::new(),
        }
    }

    pub fn edition(&self) -> &'static str {
        self.edition
    }

    /// The project's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Adds `source` (absolute) as the bin `name`; once, however often it is
    /// added (a fix shared by two cases is added by each of them).
    ///
    /// # Panics
    ///
    /// If `name` is already the name of another source.
    pub fn add(&mut self, name: &str, source: &Path) {
        self.add_target(name, source, false);
    }

    /// Adds `source` as the test target `name`: built as `cargo test` builds
    /// it, run as its test harness.
    ///
    /// # Panics
    ///
    /// If `name` is already the name of another source.
    pub fn add_test(&mut self, name: &str, source: &Path) {
        self.add_target(name, source, true);
    }

    fn add_target(&mut self, name: &str, source: &Path, test: bool) {
        match self.targets.iter().find(|target| target.name == name) {
            Some(target) if target.path == source && target.test == test => {}
            Some(target) => panic!(
                "`{name}` added twice: {} and {}",
                target.path.display(),
                source.display()
            ),
            None => self.targets.push(Target {
                name: name.to_owned(),
                path: source.to_path_buf(),
                test,
            }),
        }
    }

    /// Where files derived from cases are written.
    pub fn derived_dir(&self) -> PathBuf {
        self.dir.join("derived")
    }

    /// The project's `Cargo.toml`.
    pub fn manifest(&self) -> String {
        // Each project its own package name: cargo tells apart the builds of
        // projects by name, not by directory, and two projects of one name in
        // one target directory would rebuild each other's programs.
        let name = self
            .dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let mut manifest = format!(
            "[package]\n\
             name = \"lazy-main-teaching-{name}\"\n\
             version = \"0.0.0\"\n\
             publish = false\n\
             autobins = false\n\
             autotests = false\n",
        );
        let _ = write!(
            manifest,
            "edition = \"{}\"\n\n[dependencies]\nlazy-main = {{ path = {} }}\n",
            self.edition,
            toml_string(super::root())
        );
        // Always, whether or not this build's programs use them: a
        // dependency that comes and goes with the programs selected would
        // make cargo rebuild every program each time.
        for dependency in EXTRA_DEPENDENCIES {
            let _ = writeln!(manifest, "{dependency}");
        }
        // Nothing here is debugged: no debug info, no incremental caches for
        // hundreds of tiny programs; links faster, same diagnostics.
        manifest += "\n[profile.dev]\ndebug = false\nincremental = false\n\n";
        for target in &self.targets {
            let (table, test) = if target.test {
                ("[[test]]", "")
            } else {
                ("[[bin]]", "test = false\n")
            };
            let _ = write!(
                manifest,
                "{table}\nname = {}\npath = {}\n{test}\n",
                toml_string(Path::new(&target.name)),
                toml_string(&target.path)
            );
        }
        manifest += "# Not part of any enclosing workspace.\n[workspace]\n";
        manifest
    }

    fn write(&self) -> Result<(), String> {
        let manifest = self.manifest();
        write_if_changed(&self.dir.join("Cargo.toml"), &manifest)?;
        // The workspace's lock file: the same versions, and nothing to download.
        if let Ok(lock) = fs::read_to_string(super::root().join("Cargo.lock")) {
            write_if_changed(&self.dir.join("Cargo.lock"), &lock)?;
        }
        Ok(())
    }

    fn cargo(&self, subcommand: &str) -> Command {
        let mut command = Command::new(cargo());
        command
            .arg(subcommand)
            .arg("--offline")
            .arg("--manifest-path")
            .arg(self.dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", scratch_dir().join("target"))
            .env_remove("CARGO_BUILD_TARGET_DIR");
        command
    }

    /// `cargo check` of every target; `ansi` asks for coloured renderings.
    pub fn check(&self, ansi: bool) -> Result<Checked, String> {
        self.compile("check", ansi)
    }

    /// `cargo build` of every target, for the executables of those that compile.
    pub fn build(&self, ansi: bool) -> Result<Checked, String> {
        self.compile("build", ansi)
    }

    fn compile(&self, subcommand: &str, ansi: bool) -> Result<Checked, String> {
        self.write()?;
        let format = if ansi {
            "--message-format=json-diagnostic-rendered-ansi"
        } else {
            "--message-format=json"
        };
        let output = self
            .cargo(subcommand)
            .args(["--bins", "--tests", "--keep-going", "--quiet", format])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("could not run cargo: {e}"))?;
        let sources: HashMap<&str, &Path> = self
            .targets
            .iter()
            .map(|target| (target.name.as_str(), target.path.as_path()))
            .collect();
        let mut checked = Checked {
            diagnostics: HashMap::new(),
            compiled: Vec::new(),
            executables: HashMap::new(),
        };
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let Ok(message) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            let Some(name) = message["target"]["name"].as_str() else {
                continue;
            };
            let Some(source) = sources.get(name) else {
                continue; // the facade crate and its dependencies
            };
            match message["reason"].as_str() {
                Some("compiler-artifact") => {
                    checked.compiled.push(name.to_owned());
                    if let Some(executable) = message["executable"].as_str() {
                        checked
                            .executables
                            .insert(name.to_owned(), executable.into());
                    }
                }
                Some("compiler-message") => {
                    if let Some(diagnostic) = diagnostic(&message["message"], source, &self.dir) {
                        checked
                            .diagnostics
                            .entry(name.to_owned())
                            .or_default()
                            .push(diagnostic);
                    }
                }
                _ => {}
            }
        }
        // A target with neither an artifact nor an error: cargo itself
        // failed, before compiling anything (a bad manifest) or on the way.
        let silent: Vec<&Target> = self
            .targets
            .iter()
            .filter(|target| {
                !checked.compiled.contains(&target.name)
                    && !checked
                        .diagnostics
                        .get(&target.name)
                        .is_some_and(|diagnostics| {
                            diagnostics.iter().any(|d| d.level == Level::Error)
                        })
            })
            .collect();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let manifest = self.dir.join("Cargo.toml");
        if silent.len() == self.targets.len() {
            return Err(format!(
                "`cargo {subcommand}` of {} failed before it compiled any of its {} programs:\n{stderr}",
                manifest.display(),
                self.targets.len()
            ));
        }
        if let Some(target) = silent.first() {
            return Err(format!(
                "`cargo {subcommand}` of {} gave no result for `{}` ({}){}:\n{stderr}",
                manifest.display(),
                target.name,
                target.path.display(),
                if silent.len() > 1 {
                    format!(" nor for {} other programs", silent.len() - 1)
                } else {
                    String::new()
                }
            ));
        }
        Ok(checked)
    }
}

/// What running a program gave.
pub struct Ran {
    /// Exit status 0.
    pub success: bool,
    /// `exit status: 0`, `signal: 6 (SIGABRT)`, or `killed after 60 s`.
    pub status: String,
    pub stdout: String,
    pub stderr: String,
    /// For a test harness: the tests that passed, from its `test result:` line.
    pub tests_passed: Option<usize>,
}

/// How long a case's program may run: they all finish at once, and a hang is
/// a failure, not a stuck suite.
const RUN_DEADLINE: Duration = Duration::from_secs(60);

/// Runs a built program (a test harness with its default arguments), with
/// a deadline; stdin is empty.
pub fn run(executable: &Path, args: &[&str]) -> Result<Ran, String> {
    let mut child = Command::new(executable)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run {}: {e}", executable.display()))?;
    let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = read(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = read(child.stderr.take().map(|p| Box::new(p) as _));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(status);
        }
        if started.elapsed() > RUN_DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let tests_passed = stdout.lines().find_map(|line| {
        let counts = line.strip_prefix("test result: ")?;
        let (_, passed) = counts.split_once(". ")?;
        passed.split(" passed").next()?.parse().ok()
    });
    Ok(Ran {
        success: status.is_some_and(|status| status.success()),
        status: status.map_or_else(
            || format!("killed after {} s", RUN_DEADLINE.as_secs()),
            |status| status.to_string(),
        ),
        stdout,
        stderr,
        tests_passed,
    })
}

/// Checks `source` as a library with plain rustc: no attribute, no dependency.
pub fn check_plain_library(
    source: &Path,
    scratch: &Path,
    edition: &str,
) -> Result<Vec<Diagnostic>, String> {
    fs::create_dir_all(scratch).map_err(|e| e.to_string())?;
    let output = Command::new(rustc())
        .args([
            "--edition",
            edition,
            "--crate-type",
            "lib",
            "--crate-name",
            "plain",
        ])
        .args(["--emit", "metadata", "--error-format", "json", "-o"])
        .arg(scratch.join("libplain.rmeta"))
        .arg(source)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not run rustc: {e}"))?;
    let cwd = std::env::current_dir().unwrap_or_default();
    Ok(String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter_map(|message| diagnostic(&message, source, &cwd))
        .collect())
}

/// An error or warning from rustc's JSON, located in `source`. Summaries
/// ("aborting due to …", "2 warnings emitted") and notes are left out.
fn diagnostic(message: &Value, source: &Path, relative_to: &Path) -> Option<Diagnostic> {
    let level = match message["level"].as_str()? {
        "error" => Level::Error,
        "warning" => Level::Warning,
        _ => return None,
    };
    let spans = message["spans"].as_array()?;
    let text = message["message"].as_str()?.to_owned();
    if spans.is_empty() && is_summary(&text) {
        return None;
    }
    let primary = spans
        .iter()
        .filter(|span| span["is_primary"].as_bool() == Some(true))
        .find_map(|span| located(span, source, relative_to));
    let children = message["children"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|child| Child {
            level: child["level"].as_str().unwrap_or_default().to_owned(),
            message: child["message"].as_str().unwrap_or_default().to_owned(),
            spans: spans_of(child, source, relative_to),
        })
        .collect();
    Some(Diagnostic {
        level,
        code: message["code"]["code"].as_str().map(str::to_owned),
        message: text,
        line: primary.map(|(line, _)| line),
        column: primary.map(|(_, column)| column),
        spans: spans_of(message, source, relative_to),
        children,
        rendered: message["rendered"].as_str().unwrap_or_default().to_owned(),
    })
}

/// The spans of a diagnostic or child, each placed in `source` if it (or
/// the macro call it came from) is there.
fn spans_of(message: &Value, source: &Path, relative_to: &Path) -> Vec<Span> {
    let text = |value: &Value| value.as_str().map(str::to_owned);
    message["spans"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|span| Span {
            place: located(span, source, relative_to).map_or_else(
                || Place::Elsewhere {
                    file: text(&span["file_name"]).unwrap_or_default(),
                    line: span["line_start"]
                        .as_u64()
                        .and_then(|line| usize::try_from(line).ok())
                        .unwrap_or_default(),
                },
                |(line, column)| Place::Here { line, column },
            ),
            primary: span["is_primary"].as_bool() == Some(true),
            label: text(&span["label"]),
            replacement: text(&span["suggested_replacement"]),
            width: (span["line_start"] == span["line_end"])
                .then(|| Some(span["column_end"].as_u64()? - span["column_start"].as_u64()?))
                .flatten()
                .and_then(|width| usize::try_from(width).ok()),
        })
        .collect()
}

fn is_summary(message: &str) -> bool {
    message.starts_with("aborting due to")
        || (message.ends_with(" emitted") && message.contains("warning"))
}

/// Line and column of `span` in `source`, or of the macro call it came from.
fn located(span: &Value, source: &Path, relative_to: &Path) -> Option<(usize, usize)> {
    let mut span = span;
    loop {
        let file = Path::new(span["file_name"].as_str()?);
        if same_file(&relative_to.join(file), source) {
            let line = usize::try_from(span["line_start"].as_u64()?).ok()?;
            let column = usize::try_from(span["column_start"].as_u64()?).ok()?;
            return Some((line, column));
        }
        span = &span["expansion"]["span"];
        if span.is_null() {
            return None;
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || a.canonicalize()
            .ok()
            .is_some_and(|a| b.canonicalize().ok() == Some(a))
}

/// Writes `text` to `path` unless it already holds it: an unchanged file
/// keeps its modification time, and cargo does not build it again.
pub fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A TOML basic string holding `path`.
fn toml_string(path: &Path) -> String {
    let text = path.to_string_lossy();
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
