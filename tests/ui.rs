//! The teaching suite: what rustc says when async goes wrong, and proof that
//! the attributes never make it worse. See "Learn from the errors" in the
//! README; `cargo run --example learn` walks through it.
//!
//! On every toolchain:
//!
//! - **claims**: each `tests/ui/<group>/<name>.rs` gets exactly the errors and
//!   warnings its `//~` lines claim, at those lines, none missing, none extra;
//! - **parity**: a case whose claims all point into an attributed body is
//!   compiled twice more, derived mechanically from the case: as a plain
//!   `async fn` (the attribute line becomes `#[allow(dead_code)]`, in a
//!   library) and with `trace = "verbose"` added; all three must give the same
//!   diagnostics (code, message, line and column);
//! - **pass**: `tests/pass/*.rs` (each case's fix, its twin, among them)
//!   compile without a warning and run; a file with a `#[lazy_main::test]`
//!   (or `#[test]`) function is compiled as `cargo test` compiles it, with
//!   `cfg(test)`, and its test harness must run at least one test;
//! - **self-check**: broken copies of one case (an extra error, a missing one,
//!   an error moved to another line) must fail the claims check, and broken
//!   copies of one test twin (a type error, a failing assertion) the pass
//!   check.
//!
//! The `.stderr` snapshots hold the compiler's exact words on the toolchain
//! they were blessed with (`teaching::BLESSED`); there trybuild compares them
//! exactly. On any other toolchain a difference in wording is shown, as
//! information, and counted in the summary.
//!
//! `cargo test --test ui -- <filter>…` runs the cases whose id, name, group or
//! path matches a filter. `TRYBUILD=overwrite cargo test --test ui` re-blesses
//! the snapshots (on the blessed toolchain only).

#[allow(dead_code)] // shared with the learn example, which uses other parts
mod teaching;

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use teaching::cases::{self, Case, Pass, Suite};
use teaching::compiler::{self, Checked, Diagnostic, Project};
use teaching::report::{Report, MUTATED_CASE, MUTATED_TEST};
use teaching::{claims, text};

/// The filters given on the command line; `None` when asked to list the tests.
fn filters() -> Option<Vec<String>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--list") {
        return None;
    }
    Some(
        args.iter()
            .filter(|arg| !arg.starts_with('-') && *arg != "ui")
            .map(|arg| arg.strip_prefix("trybuild=").unwrap_or(arg).to_owned())
            .collect(),
    )
}

fn main() -> ExitCode {
    let Some(filters) = filters() else {
        // For test runners that list before they run.
        println!("ui: test");
        return ExitCode::SUCCESS;
    };
    let version = compiler::rustc_version();
    let blessed = teaching::is_blessed(&version);
    if std::env::var_os("TRYBUILD").is_some_and(|value| value == "overwrite") && !blessed {
        let only = teaching::BLESSED;
        println!("ui: TRYBUILD=overwrite: the snapshots are rustc {only}'s; this is {version}");
        return ExitCode::FAILURE;
    }
    let suite = Suite::load();
    let selected = suite.select(&filters);
    let mut report = Report::default();
    report.failures.extend(suite.problems.iter().cloned());
    for filter in suite.unmatched(&filters) {
        report.failures.push(no_match(&suite, filter));
    }
    if selected.is_empty() {
        return report.finish();
    }
    let passes = suite.passes_for(&selected);
    report.passes(&passes, &selected);
    println!(
        "ui: {} compile-fail cases and {} pass cases on {version}",
        selected.len(),
        passes.len()
    );

    let mut project = Project::new("ui");
    let derived_dir = project.derived_dir();
    let root = teaching::root();
    for case in &selected {
        project.add(&case.bin(), &root.join(&case.path));
    }
    for pass in &passes {
        pass.add_to(&mut project);
    }
    let traced = derive(&selected, &derived_dir, "trace", |case| {
        attribute_changed(case, traced_attribute)
    });
    let helpers = derive(&selected, &derived_dir, "helper", Case::as_helper);
    // The self-checks run with the whole suite only.
    let whole = filters.is_empty();
    let mutants = suite
        .case(MUTATED_CASE)
        .filter(|_| whole)
        .map(|case| mutants(case, &derived_dir))
        .unwrap_or_default();
    let test_mutants = suite
        .passes
        .iter()
        .find(|pass| pass.name == MUTATED_TEST && whole)
        .map(|pass| test_mutants(pass, &derived_dir))
        .unwrap_or_default();
    for (prefix, derived) in [("trace", &traced), ("helper", &helpers)] {
        for (id, path) in derived {
            project.add(&variant_bin(prefix, id), path);
        }
    }
    for (name, path, _) in &mutants {
        project.add(name, path);
    }
    for (name, path, _) in &test_mutants {
        project.add_test(name, path);
    }
    (report.mutants, report.test_mutants) = (mutants.len(), test_mutants.len());

    let checked = match project.build(false) {
        Ok(checked) => checked,
        Err(error) => {
            report.failures.push(error);
            return report.finish();
        }
    };
    for case in &selected {
        let diagnostics = checked.diagnostics.get(&case.bin());
        let problems = check_claims(&case.claims, diagnostics.map_or(&[], Vec::as_slice));
        report.claims(case, &problems);
    }
    check_passes(&passes, &test_mutants, &checked, &mut report);
    check_lessons(&selected, &suite, &checked, &mut report);
    check_parity(
        &selected,
        &traced,
        &helpers,
        &checked,
        &derived_dir,
        &mut report,
    );
    check_mutants(&mutants, &checked, &mut report);
    // trybuild first: when it blesses, the wording is compared with the new snapshots.
    if blessed {
        run_trybuild(&selected, &mut report);
    }
    check_wording(&selected, &checked, blessed, &version, &mut report);
    if filters.is_empty() {
        check_readme_lesson(&suite, &checked, blessed, &version, &mut report);
    }

    print!("{}", report.summary(&version, blessed));
    report.finish()
}

/// A filter matches no case: a failure, with the nearest known name.
fn no_match(suite: &Suite, filter: &str) -> String {
    let near = suite.did_you_mean(filter);
    format!(
        "no case matches `{filter}`{}: a filter is a case (`misuse/on_struct`, `on_struct`), a group (`misuse`) or a path",
        near.first()
            .map_or_else(String::new, |near| format!(" (did you mean `{near}`?)"))
    )
}

/// Unclaimed diagnostics and claims without one.
fn check_claims(claims: &[claims::Claim], diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut used = vec![false; claims.len()];
    let mut problems = Vec::new();
    for diagnostic in diagnostics {
        let claim = claims.iter().enumerate().position(|(index, claim)| {
            !used[index]
                && claim.matches(
                    diagnostic.level,
                    diagnostic.code.as_deref(),
                    &diagnostic.message,
                    diagnostic.line,
                )
        });
        match claim {
            Some(index) => used[index] = true,
            None => problems.push(format!(
                "unclaimed {diagnostic} (claim it with `//~ {} {}`{})",
                match diagnostic.level {
                    claims::Level::Error => "ERROR",
                    claims::Level::Warning => "WARN",
                },
                diagnostic.code.as_deref().unwrap_or("<key words>"),
                diagnostic
                    .line
                    .map_or(String::from(", or `//~?` for no line"), |line| format!(
                        " on line {line}"
                    )),
            )),
        }
    }
    for (claim, used) in claims.iter().zip(used) {
        if !used {
            problems.push(format!(
                "missing: {claim} (claimed on line {})",
                claim.written_on
            ));
        }
    }
    problems
}

/// Each case's source as `source` derives it, written to `dir`; by case id.
/// A case `source` has nothing for is left out.
fn derive(
    cases: &[&Case],
    dir: &std::path::Path,
    suffix: &str,
    source: impl Fn(&Case) -> Option<String>,
) -> Vec<(String, PathBuf)> {
    cases
        .iter()
        .filter_map(|case| {
            let source = source(case)?;
            let path = dir.join(format!("{}.{suffix}.rs", case.id.replace('/', "-")));
            write(&path, &source);
            Some((case.id.clone(), path))
        })
        .collect()
}

/// The case's source with its one attribute line changed by `change`;
/// `None` without one attributed function, or when `change` leaves it.
fn attribute_changed(case: &Case, change: fn(&str) -> Option<String>) -> Option<String> {
    case.attributed_body()?;
    let mut changed = true;
    let source = case.with_attribute_replaced(|attribute| {
        change(attribute).unwrap_or_else(|| {
            changed = false;
            attribute.to_owned()
        })
    })?;
    changed.then_some(source)
}

/// The binary of a case's variant: `trace-<group>-<name>`.
fn variant_bin(prefix: &str, id: &str) -> String {
    format!("{prefix}-{}", id.replace('/', "-"))
}

/// `#[lazy_main::main]` -> `#[allow(dead_code)]`: a plain `async fn` in a library.
#[allow(clippy::unnecessary_wraps)] // the shape `attribute_changed` takes
fn plain_attribute(_: &str) -> Option<String> {
    Some("#[allow(dead_code)]".to_owned())
}

/// `#[lazy_main::main]` -> `#[lazy_main::main(trace = "verbose")]`.
fn traced_attribute(attribute: &str) -> Option<String> {
    if attribute.contains("trace") {
        return None;
    }
    Some(match attribute.strip_suffix(")]") {
        Some(with_args) => format!("{with_args}, trace = \"verbose\")]"),
        None => format!("{}(trace = \"verbose\")]", attribute.trim_end_matches(']')),
    })
}

/// Whether every diagnostic of the case is inside its attributed body: then
/// they are the body's own, and must read as in a plain `async fn`.
fn in_body(case: &Case, diagnostics: &[Diagnostic]) -> bool {
    let Some((open, close)) = case.attributed_body() else {
        return false;
    };
    !diagnostics.is_empty()
        && diagnostics.iter().all(|d| match (d.line, d.column) {
            (Some(line), Some(column)) => (line, column) >= open && line <= close,
            _ => false,
        })
}

fn check_parity(
    cases: &[&Case],
    traced: &[(String, PathBuf)],
    helpers: &[(String, PathBuf)],
    checked: &Checked,
    dir: &std::path::Path,
    report: &mut Report,
) {
    let ids = |derived: &[(String, PathBuf)]| -> Vec<String> {
        derived.iter().map(|(id, _)| id.clone()).collect()
    };
    let (trace_ids, helper_ids) = (ids(traced), ids(helpers));
    // Each variant compiled next to the case, and what its diagnostics are.
    let variants = [
        ("trace", "with `trace = \"verbose\"`", &trace_ids),
        ("helper", "as a helper (an `async move` block)", &helper_ids),
    ];
    let none = Vec::new();
    let body_cases: Vec<&Case> = cases
        .iter()
        .copied()
        .filter(|case| in_body(case, checked.diagnostics.get(&case.bin()).unwrap_or(&none)))
        .collect();
    for case in cases.iter().filter(|case| case.group == "body_errors") {
        if !body_cases.iter().any(|body| body.id == case.id) {
            report.failures.push(format!(
                "{}: a body_errors case, but not all of its diagnostics are inside the attributed body",
                case.path.display()
            ));
        }
    }
    let plain_sources = derive(&body_cases, dir, "plain", |case| {
        attribute_changed(case, plain_attribute)
    });
    for (id, plain_path) in plain_sources {
        let case = cases
            .iter()
            .find(|case| case.id == id)
            .expect("derived from a case");
        let plain_source = fs::read_to_string(&plain_path).unwrap_or_default();
        if plain_source.contains("lazy_main") {
            report.failures.push(format!(
                "{}: its plain `async fn` twin would still name `lazy_main`; keep attributed bodies std-only",
                case.path.display()
            ));
            continue;
        }
        let plain = match compiler::check_plain_library(&plain_path, &dir.join("plain")) {
            Ok(plain) => plain,
            Err(error) => {
                report.failures.push(error);
                continue;
            }
        };
        let attributed = checked.diagnostics.get(&case.bin()).unwrap_or(&none);
        let mut problems = compare(&plain, attributed, "with the attribute");
        for (prefix, name, derived) in &variants {
            if derived.contains(&id) {
                let bin = variant_bin(prefix, &id);
                let other = checked.diagnostics.get(&bin).unwrap_or(&none);
                problems.extend(compare(&plain, other, name));
            }
        }
        report.helper_parity += usize::from(helper_ids.contains(&id));
        report.parity(case, &problems);
    }
}

/// Differences between the plain `async fn`'s diagnostics and another's.
fn compare(plain: &[Diagnostic], other: &[Diagnostic], other_name: &str) -> Vec<String> {
    let key = |d: &Diagnostic| {
        (
            d.level == claims::Level::Error,
            d.code.clone(),
            d.message.clone(),
            d.line,
            d.column,
        )
    };
    let mut plain_keys: Vec<_> = plain.iter().map(key).collect();
    let mut other_keys: Vec<_> = other.iter().map(key).collect();
    plain_keys.sort();
    other_keys.sort();
    if plain_keys == other_keys {
        return Vec::new();
    }
    let list = |diagnostics: &[Diagnostic]| {
        diagnostics
            .iter()
            .fold(String::new(), |text, d| text + "\n      " + &d.to_string())
    };
    vec![format!(
        "as a plain async fn:{}\n    {other_name}:{}",
        list(plain),
        list(other)
    )]
}

/// Broken copies of a case: (bin, file, what must be reported).
fn mutants(case: &Case, dir: &std::path::Path) -> Vec<(String, PathBuf, &'static str)> {
    let Some(line) = case.claims.iter().find_map(|claim| claim.line) else {
        return Vec::new();
    };
    let lines: Vec<&str> = case.source.lines().collect();
    let index = line - 1;
    let mut broken = Vec::new();
    // An extra error at the end of the file.
    broken.push((
        "extra",
        format!("{}const _: u8 = \"not a number\";\n", case.source),
        "unclaimed",
    ));
    // The claimed error removed: the line no longer awaits.
    let mut missing = lines.clone();
    let without_await = lines[index].replace(".await", "");
    missing[index] = &without_await;
    broken.push(("missing", missing.join("\n") + "\n", "missing"));
    // The claim moved to the next line, away from its error.
    let mut moved: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    if let (Some(at), true) = (lines[index].find("//~"), index + 1 < lines.len()) {
        lines[index][..at].trim_end().clone_into(&mut moved[index]);
        moved[index + 1] = format!("{} {}", lines[index + 1], &lines[index][at..]);
    }
    broken.push(("moved", moved.join("\n") + "\n", "missing"));
    broken
        .into_iter()
        .map(|(kind, source, expected)| {
            let path = dir.join(format!("mutant-{kind}.rs"));
            write(&path, &source);
            (format!("mutant-{kind}"), path, expected)
        })
        .collect()
}

fn check_mutants(
    mutants: &[(String, PathBuf, &'static str)],
    checked: &Checked,
    report: &mut Report,
) {
    let Some(case) = Suite::load()
        .cases
        .into_iter()
        .find(|case| case.id == MUTATED_CASE)
    else {
        return;
    };
    for (bin, path, expected) in mutants {
        let source = fs::read_to_string(path).unwrap_or_default();
        let claims = claims::parse(&source).unwrap_or_else(|_| case.claims.clone());
        let none = Vec::new();
        let problems = check_claims(&claims, checked.diagnostics.get(bin).unwrap_or(&none));
        if problems.iter().any(|problem| problem.starts_with(expected)) {
            report.mutants_caught += 1;
        } else {
            report.failures.push(format!(
                "self-check: {bin} (a broken copy of {MUTATED_CASE}) was not reported as {expected}: {problems:?}"
            ));
        }
    }
}

/// Each pass case compiles cleanly and runs; each broken copy of a test twin
/// is reported.
fn check_passes(
    passes: &[&Pass],
    test_mutants: &[(String, PathBuf, &'static str)],
    checked: &Checked,
    report: &mut Report,
) {
    for pass in passes {
        match check_pass(&pass.bin(), pass.is_test(), checked) {
            Ok(tests) => report.ran(tests),
            Err(problems) => report.failures.push(format!(
                "{}: a pass case must compile cleanly and run{}:\n    {}",
                pass.path.display(),
                if pass.is_test() { " its tests" } else { "" },
                problems.join("\n    ")
            )),
        }
    }
    for (bin, _, expected) in test_mutants {
        match check_pass(bin, true, checked) {
            Err(problems) if problems.iter().any(|p| p.starts_with(expected)) => {
                report.test_mutants_caught += 1;
            }
            result => report.failures.push(format!(
                "self-check: {bin} (a broken copy of {MUTATED_TEST}) was not reported as \"{expected}\": {result:?}"
            )),
        }
    }
}

/// A pass case's problems, or what ran: `None` for a program, the number of
/// tests that passed for a test file.
fn check_pass(bin: &str, test: bool, built: &Checked) -> Result<Option<usize>, Vec<String>> {
    let mut problems: Vec<String> = built
        .diagnostics
        .get(bin)
        .into_iter()
        .flatten()
        .map(|diagnostic| format!("compiled with {diagnostic}"))
        .collect();
    let Some(executable) = built.executables.get(bin) else {
        problems.push("did not compile".to_owned());
        return Err(problems);
    };
    let ran = match compiler::run(executable) {
        Ok(ran) => ran,
        Err(error) => {
            problems.push(error);
            return Err(problems);
        }
    };
    let output = || {
        format!(
            "{}{}",
            ran.stdout.trim_end(),
            if ran.stderr.trim().is_empty() {
                String::new()
            } else {
                format!("\n{}", ran.stderr.trim_end())
            }
        )
        .replace('\n', "\n      ")
    };
    if !ran.success {
        problems.push(format!("failed ({}):\n      {}", ran.status, output()));
    } else if test && ran.tests_passed.unwrap_or(0) == 0 {
        problems.push(format!("ran no test:\n      {}", output()));
    }
    if problems.is_empty() {
        Ok(test.then(|| ran.tests_passed.unwrap_or(0)))
    } else {
        Err(problems)
    }
}

/// Broken copies of a test twin: (test target, file, what must be reported).
/// Built as a plain program, neither would be noticed: the test function,
/// with its error, is compiled out.
fn test_mutants(pass: &Pass, dir: &std::path::Path) -> Vec<(String, PathBuf, &'static str)> {
    let Some(((open, _), _)) = cases::attributed_body(&pass.source) else {
        return Vec::new();
    };
    let lines: Vec<&str> = pass.source.lines().collect();
    let planted = |statement: &str| {
        let mut changed: Vec<&str> = lines.clone();
        changed.insert(open, statement);
        changed.join("\n") + "\n"
    };
    [
        (
            "type-error",
            planted("    let _: u32 = \"not a number\";"),
            "compiled with",
        ),
        (
            "failing",
            planted("    assert_eq!(1 + 1, 3, \"a planted failure\");"),
            "failed",
        ),
    ]
    .into_iter()
    .map(|(kind, source, expected)| {
        let path = dir.join(format!("mutant-test-{kind}.rs"));
        write(&path, &source);
        (format!("mutant-test-{kind}"), path, expected)
    })
    .collect()
}

/// Where a case's rendered diagnostics show lazy-main's source, or a help
/// whose code is a sketch (an `impl Trait` closure parameter), its lesson
/// must say how to read them (`teaching::reading`). The rendering is read
/// here on its own, so that a change in rustc's JSON or in the paths cannot
/// silence the lesson's notes unnoticed.
fn check_lessons(cases: &[&Case], suite: &Suite, checked: &Checked, report: &mut Report) {
    let prefix = format!("{}/", teaching::root().display());
    for case in cases {
        let diagnostics = checked
            .diagnostics
            .get(&case.bin())
            .map_or(&[][..], Vec::as_slice);
        let rendered = text::rendered(diagnostics, teaching::root());
        let shown: Vec<String> = rendered
            .lines()
            .filter_map(|line| line.trim().strip_prefix("--> "))
            .map(|location| location.replace(&prefix, ""))
            .filter(|location| {
                ["src/", "macros/src/", "runtime/src/"]
                    .iter()
                    .any(|dir| location.starts_with(dir))
            })
            .filter_map(|location| {
                let mut parts = location.splitn(3, ':');
                Some(format!("{}:{}", parts.next()?, parts.next()?))
            })
            .collect();
        let sketch = rendered.lines().any(|line| {
            line.split_once('|')
                .and_then(|(_, code)| code.split_once('|'))
                .is_some_and(|(_, code)| code.contains(": impl ") && code.contains('|'))
        });
        if shown.is_empty() && !sketch {
            continue;
        }
        let notes = teaching::reading::notes(case, suite, diagnostics).join("\n");
        let mut problems: Vec<String> = shown
            .iter()
            .filter(|location| !notes.contains(&format!("`{location}`")))
            .map(|location| format!("the lesson shows `{location}`, lazy-main's source, and does not say what it is"))
            .collect();
        if sketch && !notes.contains("That is a sketch, not Rust") {
            problems.push("the lesson shows rustc's help with an `impl Trait` closure parameter, and does not say it is not Rust".to_owned());
        }
        if !notes.contains("Write instead") {
            problems.push("the lesson does not say what to write instead".to_owned());
        }
        report.lesson(case, &problems);
    }
}

/// The compiler's words against the `.stderr` snapshots.
fn check_wording(
    cases: &[&Case],
    checked: &Checked,
    blessed: bool,
    version: &str,
    report: &mut Report,
) {
    let root = teaching::root();
    let none = Vec::new();
    for case in cases {
        let snapshot_path = root.join(case.path.with_extension("stderr"));
        let Ok(snapshot) = fs::read_to_string(&snapshot_path) else {
            report.failures.push(format!(
                "{}: no .stderr snapshot; bless it with `TRYBUILD=overwrite cargo test --test ui` on rustc {}",
                case.path.display(),
                teaching::BLESSED
            ));
            continue;
        };
        let now = text::rendered(checked.diagnostics.get(&case.bin()).unwrap_or(&none), root);
        let (then, now) = (
            text::words(&snapshot, &case.path).join("\n"),
            text::words(&now, &case.path).join("\n"),
        );
        if then == now {
            report.verbatim += 1;
        } else if blessed {
            report.failures.push(format!(
                "{}: the compiler's words differ from the snapshot (after a deliberate change to the case, its `//~` claims included, re-bless: `TRYBUILD=overwrite cargo test --test ui`, and read the new .stderr):\n{}",
                case.path.display(),
                text::unified(&then, &now, 2, false)
            ));
        } else {
            report.reworded.push(case.id.clone());
            println!(
                "\nui: {} is worded differently on {version} (information: - rustc {}'s snapshot, + now):\n{}",
                case.id,
                teaching::BLESSED,
                text::unified(&then, &now, 2, false)
            );
        }
    }
}

/// The README quotes what `cargo run --example learn -- <case>` prints; on
/// the blessed toolchain that quote must be what it prints now.
fn check_readme_lesson(
    suite: &Suite,
    built: &Checked,
    blessed: bool,
    version: &str,
    report: &mut Report,
) {
    const COMMAND: &str = "$ cargo run --example learn -- ";
    let readme = fs::read_to_string(teaching::root().join("README.md")).unwrap_or_default();
    let quote = readme.split_once(COMMAND).and_then(|(_, rest)| {
        let (id, rest) = rest.split_once('\n')?;
        Some((id.trim(), rest.split("\n```").next()?))
    });
    let Some((id, quoted)) = quote else {
        report
            .failures
            .push(format!("README.md: no lesson quoted after `{COMMAND}`"));
        return;
    };
    if !blessed {
        report.readme = Some(format!(
            "the README's lesson of {id} is rustc {}'s; not compared here",
            teaching::BLESSED
        ));
        return;
    }
    let Some(case) = suite.case(id) else {
        report.failures.push(format!(
            "README.md: quotes the lesson of `{id}`, which is not a case"
        ));
        return;
    };
    // The suite's own build holds every case and fix, as `learn` builds them.
    let (now, _) = teaching::lesson::lesson(case, suite, built, version, false);
    // The quote names the compiler it was taken with; any 1.95 says the same.
    let same_version = |text: &str| {
        text.lines()
            .map(|line| {
                if line.starts_with("What rustc ") {
                    "What rustc …"
                } else {
                    line
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (quoted, now) = (same_version(quoted), same_version(now.trim_end()));
    if quoted == now {
        report.readme = Some(format!(
            "the README's lesson of {id} is what `learn` prints"
        ));
    } else {
        report.failures.push(format!(
            "README.md: the lesson quoted for {id} is not what `cargo run --example learn -- {id}` prints now:\n{}",
            text::unified(&quoted, &now, 2, false)
        ));
    }
}

/// trybuild compares each case's compiler output with its `.stderr`
/// snapshot, exactly (or, with `TRYBUILD=overwrite`, rewrites it).
fn run_trybuild(cases: &[&Case], report: &mut Report) {
    let result = std::panic::catch_unwind(|| {
        let tests = trybuild::TestCases::new();
        for case in cases {
            tests.compile_fail(&case.path);
        }
    });
    if result.is_err() {
        report
            .failures
            .push("trybuild failed (its report is above)".to_owned());
    } else {
        report.exact = Some(cases.len());
    }
}

fn write(path: &std::path::Path, source: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    fs::write(path, source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
