//! Lint parity: an attributed function gets exactly the lints that the same
//! plain `async fn` gets, under every lint group people turn on.
//!
//! Each fixture in `tests/lint_parity/` is linted by clippy several times,
//! in a scratch crate: as written (with the attributes), with `trace`, with
//! `trace = "verbose"`, with `block_on = ::lazy_main::block_on`, with
//! `timeout = "1m"`, and as
//! plain `async fn`s (each attribute line blanked, so that lines stay the
//! same). Every lint of clippy's `all`, `pedantic`, `nursery` and
//! `restriction` groups and rustc's allow-by-default lints is on. The
//! (lint, line) pairs of each attributed variant must equal the plain
//! variant's, as multisets: a lint the attribute adds, or one it hides, or
//! one it reports twice, fails with its name and line.
//!
//! The few lints whose subject is the `async fn` itself are named below,
//! with why they differ; nothing else may.
//!
//! Needs clippy; without it the check says it is skipped.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Lints about the `async fn` as such, which the attribute turns into a sync
/// fn: their advice is about the future the plain function returns.
const ABOUT_THE_ASYNC_FN: &[(&str, &str)] = &[
    (
        "clippy::future_not_send",
        "the future is driven on the thread that calls the function; the sync fn returns no future",
    ),
    (
        "clippy::unused_async",
        "the attribute needs `async`; removing it, as the lint advises, is an error",
    ),
];

/// rustc's allow-by-default lints that people turn on, and every clippy group.
const LINTS: &[&str] = &[
    "clippy::all",
    "clippy::pedantic",
    "clippy::nursery",
    "clippy::restriction",
    "unused",
    "unused_qualifications",
    "unused_results",
    "unreachable_pub",
    "missing_docs",
    "single_use_lifetimes",
    "elided_lifetimes_in_paths",
    "rust_2018_idioms",
    "rust_2024_compatibility",
    "let_underscore_drop",
    "unused_lifetimes",
    "redundant_lifetimes",
    "trivial_casts",
    "trivial_numeric_casts",
    "missing_debug_implementations",
    "missing_copy_implementations",
    "unused_import_braces",
    "unit_bindings",
    "unsafe_code",
    "meta_variable_misuse",
    "non_ascii_idents",
    "explicit_outlives_requirements",
    "macro_use_extern_crate",
    "variant_size_differences",
];

/// An attributed variant: the attribute's arguments, added to each attribute.
const VARIANTS: &[(&str, &str)] = &[
    ("attribute", ""),
    ("trace", "trace"),
    ("verbose", "trace = \"verbose\""),
    ("block_on", "block_on = ::lazy_main::block_on"),
    ("timeout", "timeout = \"1m\""),
];

type Lints = BTreeMap<(String, usize), usize>;

fn main() -> ExitCode {
    if !Command::new("cargo")
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|output| output.status.success())
    {
        println!("lint parity: skipped, clippy is not installed (rustup component add clippy)");
        return ExitCode::SUCCESS;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = root.join("target/lint-parity");
    let mut fixtures: Vec<PathBuf> = fs::read_dir(root.join("tests/lint_parity"))
        .expect("tests/lint_parity")
        .map(|entry| entry.expect("a fixture").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    fixtures.sort();
    let mut failures = Vec::new();
    let mut compared = 0;
    let mut lint_count = 0;
    for edition in ["2021", "2024"] {
        let plain = lint(&scratch, &root, edition, "plain", &fixtures, plain);
        let plain = match plain {
            Ok(plain) => plain,
            Err(error) => {
                println!("lint parity: edition {edition}: {error}");
                return ExitCode::FAILURE;
            }
        };
        lint_count += plain
            .values()
            .map(|lints| lints.values().sum::<usize>())
            .sum::<usize>();
        for &(variant, arguments) in VARIANTS {
            let linted = lint(&scratch, &root, edition, variant, &fixtures, |source| {
                with_arguments(source, arguments)
            });
            let linted = match linted {
                Ok(linted) => linted,
                Err(error) => {
                    failures.push(format!("{variant}, edition {edition}: {error}"));
                    continue;
                }
            };
            for (fixture, plain_lints) in &plain {
                compared += 1;
                for problem in differences(plain_lints, &linted[fixture]) {
                    failures.push(format!(
                        "{fixture} [{variant}, edition {edition}]: {problem}"
                    ));
                }
            }
        }
    }
    println!(
        "lint parity: {} fixtures in editions 2021 and 2024, {compared} attributed variants \
         compared with plain async fns ({lint_count} lints reported on the plain ones)",
        fixtures.len()
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!("lint parity: {} difference(s):", failures.len());
        for failure in &failures {
            println!("  {failure}");
        }
        ExitCode::FAILURE
    }
}

/// What differs between the plain and the attributed lints.
fn differences(plain: &Lints, attributed: &Lints) -> Vec<String> {
    let mut problems = Vec::new();
    let keys: std::collections::BTreeSet<_> = plain.keys().chain(attributed.keys()).collect();
    for key in keys {
        let (name, line) = key;
        let (before, after) = (
            plain.get(key).copied().unwrap_or(0),
            attributed.get(key).copied().unwrap_or(0),
        );
        if before == after {
            continue;
        }
        if after < before && ABOUT_THE_ASYNC_FN.iter().any(|(about, _)| about == name) {
            continue;
        }
        problems.push(match (before, after) {
            (0, n) => format!("line {line}: `{name}` added by the attribute ({n}×)"),
            (n, 0) => format!("line {line}: `{name}` hidden by the attribute (plain: {n}×)"),
            (n, m) => format!("line {line}: `{name}` {m}× with the attribute, {n}× plain"),
        });
    }
    problems
}

/// The source as plain `async fn`s: each attribute taken off its line (the
/// fixtures write it on the line of the `fn`, so that lines stay the same),
/// and a test's `#[should_panic]` too, since a plain `async fn` is no test.
fn plain(source: &str) -> String {
    source
        .replace("#[lazy_main::main] ", "")
        .replace("#[lazy_main::test] #[should_panic = \"diverges\"] ", "")
        .replace("#[lazy_main::test] ", "")
}

/// The source with `arguments` given to each attribute.
fn with_arguments(source: &str, arguments: &str) -> String {
    if arguments.is_empty() {
        return source.to_owned();
    }
    source
        .replace(
            "#[lazy_main::main]",
            &format!("#[lazy_main::main({arguments})]"),
        )
        .replace(
            "#[lazy_main::test]",
            &format!("#[lazy_main::test({arguments})]"),
        )
}

/// Lints each fixture, changed by `change`, in a scratch crate of its own
/// (one package per variant, its fixtures as modules): (lint, line) counts
/// by fixture.
fn lint(
    scratch: &Path,
    root: &Path,
    edition: &str,
    variant: &str,
    fixtures: &[PathBuf],
    change: impl Fn(&str) -> String,
) -> Result<BTreeMap<String, Lints>, String> {
    let package = scratch.join(format!("{variant}-{edition}"));
    let source_dir = package.join("src");
    fs::create_dir_all(&source_dir).map_err(|error| error.to_string())?;
    let mut modules = String::from(
        "//! Lint parity fixtures.\n#![allow(clippy::blanket_clippy_restriction_lints)]\n",
    );
    let mut names = Vec::new();
    for fixture in fixtures {
        let name = fixture
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("a fixture name")
            .to_owned();
        let source = fs::read_to_string(fixture).map_err(|error| error.to_string())?;
        write_if_changed(&source_dir.join(format!("{name}.rs")), &change(&source))?;
        modules.push_str("pub mod ");
        modules.push_str(&name);
        modules.push_str(";\n");
        names.push(name);
    }
    write_if_changed(&source_dir.join("lib.rs"), &modules)?;
    let manifest = format!(
        "[package]\nname = \"lint-parity-{variant}\"\nversion = \"0.0.0\"\nedition = \"{edition}\"\n\
         publish = false\n\n[dependencies]\nlazy-main = {{ path = {:?} }}\n\n[workspace]\n",
        root.display().to_string()
    );
    write_if_changed(&package.join("Cargo.toml"), &manifest)?;
    let mut command = Command::new("cargo");
    command
        .current_dir(&package)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .args([
            "clippy",
            "--quiet",
            "--all-targets",
            "--message-format=json",
            "--",
        ]);
    for lint in LINTS {
        command.args(["-W", lint]);
    }
    let output = command
        .output()
        .map_err(|error| format!("cargo clippy: {error}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut by_fixture: BTreeMap<String, Lints> = names
        .iter()
        .map(|name| (name.clone(), Lints::new()))
        .collect();
    for line in stdout.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let diagnostic = &message["message"];
        if diagnostic["level"] == "error" {
            return Err(format!(
                "does not compile: {}",
                diagnostic["rendered"].as_str().unwrap_or_default()
            ));
        }
        let Some(code) = diagnostic["code"]["code"].as_str() else {
            continue;
        };
        let Some(span) = diagnostic["spans"]
            .as_array()
            .and_then(|spans| spans.iter().find(|span| span["is_primary"] == true))
        else {
            continue;
        };
        let file = span["file_name"].as_str().unwrap_or_default();
        let Some(name) = file
            .strip_prefix("src/")
            .and_then(|file| file.strip_suffix(".rs"))
        else {
            continue;
        };
        let line = usize::try_from(span["line_start"].as_u64().unwrap_or(0)).unwrap_or(0);
        if let Some(lints) = by_fixture.get_mut(name) {
            *lints.entry((code.to_owned(), line)).or_default() += 1;
        }
    }
    if !output.status.success() {
        return Err(format!(
            "cargo clippy failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(by_fixture)
}

/// Writes `text` unless the file already holds it, so that cargo can reuse
/// what it built.
fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}
