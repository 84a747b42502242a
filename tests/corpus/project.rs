//! The scratch workspace under `target/`: per edition, a package of bins
//! and a package of test targets (cargo builds a package's bins before its
//! tests, and the bins of the check fail), each with one target per variant
//! and phase, depending on this workspace's `lazy-main` by path. Files are
//! rewritten only when their text changes, so that a second run reuses what
//! cargo already built.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use super::render::{Kind, Variant};

/// The two phases: `check` holds every body; `run` those that compile,
/// built and run.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Phase {
    Check,
    Run,
}

impl Phase {
    fn name(self) -> &'static str {
        match self {
            Self::Check => "check",
            Self::Run => "run",
        }
    }
}

/// One compiled file: its target's name and its path in the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    pub edition: u32,
    pub phase: Phase,
    pub variant: Variant,
    pub kind: Kind,
}

impl Target {
    /// `check_trace_2021`, `run_tests_plain_2024`.
    pub fn name(&self) -> String {
        let tests = if self.kind == Kind::Tests {
            "tests_"
        } else {
            ""
        };
        format!(
            "{}_{tests}{}_{}",
            self.phase.name(),
            self.variant.name(),
            self.edition
        )
    }

    /// The source's path relative to the package.
    fn file(&self) -> String {
        format!("src/{}.rs", self.name())
    }

    /// The source's path as rustc names it, relative to the workspace root.
    pub fn relative_path(&self) -> String {
        format!("{}/{}", package_dir(self.edition, self.kind), self.file())
    }

    /// Every target of one package.
    fn all(edition: u32, kind: Kind) -> impl Iterator<Item = Self> {
        [Phase::Check, Phase::Run]
            .into_iter()
            .flat_map(move |phase| {
                Variant::ALL.map(|variant| Self {
                    edition,
                    phase,
                    variant,
                    kind,
                })
            })
    }
}

const KINDS: [Kind; 2] = [Kind::Bin, Kind::Tests];

/// `bins-2021`, `tests-2024`: the package's directory and, after
/// `corpus-`, its name.
fn package_dir(edition: u32, kind: Kind) -> String {
    match kind {
        Kind::Bin => format!("bins-{edition}"),
        Kind::Tests => format!("tests-{edition}"),
    }
}

/// What one cargo run reported: its JSON messages, and its own errors.
pub struct Reported {
    pub messages: Vec<Value>,
    pub stderr: String,
}

pub struct Workspace {
    pub dir: PathBuf,
    editions: Vec<u32>,
}

impl Workspace {
    /// `target/trace-corpus`, found from the running test executable
    /// (`target/debug/deps/trace_corpus-…`), so a custom target dir is honoured.
    pub fn new(editions: &[u32]) -> Self {
        let exe = std::env::current_exe().unwrap_or_default();
        let target = exe
            .ancestors()
            .find(|dir| {
                dir.file_name()
                    .is_some_and(|name| name == "debug" || name == "release")
            })
            .and_then(Path::parent)
            .map_or_else(|| root().join("target"), Path::to_path_buf);
        Self {
            dir: target.join("trace-corpus"),
            editions: editions.to_vec(),
        }
    }

    /// Writes the manifests, the lock file, and a placeholder for each
    /// target that has no file yet (cargo wants them all).
    pub fn prepare(&self) -> Result<(), String> {
        let members: Vec<String> = self
            .editions
            .iter()
            .flat_map(|&edition| KINDS.map(|kind| format!("{:?}", package_dir(edition, kind))))
            .collect();
        let manifest = format!(
            "# The trace corpus's scratch workspace (tests/trace_corpus.rs).\n\
             [workspace]\nmembers = [{}]\nresolver = \"2\"\n\n\
             # Built from scratch whenever the macro changes: no debug info to\n\
             # write, no incremental state to keep.\n\
             [profile.dev]\ndebug = false\nincremental = false\n",
            members.join(", ")
        );
        write_if_changed(&self.dir.join("Cargo.toml"), &manifest)?;
        // The workspace's lock file: the same versions, nothing to download.
        let lock = root().join("Cargo.lock");
        if lock.exists() {
            let text = fs::read_to_string(&lock).map_err(|e| e.to_string())?;
            write_if_changed(&self.dir.join("Cargo.lock"), &text)?;
        }
        for (&edition, kind) in self.editions.iter().flat_map(|e| KINDS.map(|k| (e, k))) {
            write_if_changed(
                &self.dir.join(package_dir(edition, kind)).join("Cargo.toml"),
                &package_manifest(edition, kind),
            )?;
            for target in Target::all(edition, kind) {
                let path = self.path(&target);
                if !path.exists() {
                    let placeholder = match target.kind {
                        Kind::Bin => "fn main() {}\n",
                        Kind::Tests => "",
                    };
                    write_if_changed(&path, placeholder)?;
                }
            }
        }
        Ok(())
    }

    pub fn path(&self, target: &Target) -> PathBuf {
        self.dir.join(target.relative_path())
    }

    pub fn write(&self, target: &Target, text: &str) -> Result<(), String> {
        write_if_changed(&self.path(target), text)
    }

    /// `cargo check` (or `build`, `clippy`) of every target of `phase`, in
    /// all packages at once, going on past errors.
    pub fn cargo(&self, subcommand: &str, phase: Phase) -> Result<Reported, String> {
        let pattern = format!("{}_*", phase.name());
        let output = cargo()
            .arg(subcommand)
            .args(["--offline", "--quiet", "--workspace", "--keep-going"])
            .args([
                "--message-format=json",
                "--bin",
                &pattern,
                "--test",
                &pattern,
            ])
            .arg("--manifest-path")
            .arg(self.dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", self.dir.join("target"))
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("could not run cargo: {e}"))?;
        let messages = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .collect();
        Ok(Reported {
            messages,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }
}

/// Whether `cargo clippy` runs with this toolchain.
pub fn has_clippy() -> bool {
    cargo()
        .args(["clippy", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn package_manifest(edition: u32, kind: Kind) -> String {
    let mut manifest = format!(
        "[package]\nname = \"corpus-{}\"\nversion = \"0.0.0\"\n\
         edition = \"{edition}\"\npublish = false\nautobins = false\n\
         autotests = false\nautoexamples = false\nautobenches = false\n\n\
         [dependencies]\nlazy-main = {{ path = {} }}\n",
        package_dir(edition, kind),
        toml_string(&root())
    );
    for target in Target::all(edition, kind) {
        let (section, extra) = match target.kind {
            Kind::Bin => ("bin", "test = false\n"),
            Kind::Tests => ("test", ""),
        };
        let _ = write!(
            manifest,
            "\n[[{section}]]\nname = \"{}\"\npath = \"{}\"\n{extra}",
            target.name(),
            target.file()
        );
    }
    manifest
}

/// The facade package's directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
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
