//! The teaching suite: what rustc says when async goes wrong, and proof that
//! the attributes never make it worse. See "Learn from the errors" in the
//! README; `cargo run --example learn` walks through it.
//!
//! On every toolchain, and in editions 2021 and 2024 (`compiler::EDITIONS`;
//! a case whose first comment lines hold `// edition: 2024` is compiled in
//! that edition only, and the summary names it), each in one scratch project
//! built at once:
//!
//! - **claims**: each `tests/ui/<group>/<name>.rs` gets exactly the errors and
//!   warnings its `//~` lines claim, at those lines, none missing, none extra;
//! - **parity**: a case whose diagnostics all point into an attributed body is
//!   compiled again, derived mechanically from the case: as a plain `async fn`
//!   (the attribute line becomes `#[allow(dead_code)]`, in a library), with
//!   `trace` and with `trace = "verbose"` added, and (for `main`) as a helper
//!   that the attribute drives as an `async move` block; each must give the
//!   same diagnostics as the plain `async fn` — level, code, message, primary
//!   span, every label, every note and help (spans outside the case, in std or
//!   lazy-main, by their text only);
//! - **pass**: `tests/pass/*.rs` (each case's fix, its twin, among them), the
//!   examples that use the attribute (copies) and the README's complete
//!   programs compile without a warning and run; a test file (a
//!   `#[lazy_main::test]` or `#[test]` function in it) is compiled as `cargo
//!   test` compiles it, with `cfg(test)`, and must run at least one test;
//! - **trace**: each of those programs with a lazy-main attribute is built
//!   again with `trace` and with `trace = "verbose"` added to every such
//!   attribute (one already tracing is the base without it); each must give
//!   the same diagnostics, and, run, the same status, stdout, and stderr once
//!   trace's `lazy_main:` lines are removed (durations, which differ between
//!   any two runs, and the program's own file name read the same);
//! - **lessons**: where rustc's output shows lazy-main's source or a help that
//!   is not Rust, the lesson of `learn` says how to read it;
//! - **self-check**: broken copies of one case (an extra error, a missing one,
//!   an error moved to another line) must fail the claims check, and broken
//!   copies of one test twin (a type error, a failing assertion) the pass
//!   check.
//!
//! The `.stderr` snapshots hold the compiler's exact words, in edition 2021,
//! on the toolchain they were blessed with (`teaching::BLESSED`); there
//! trybuild compares them exactly. On any other toolchain a difference in
//! wording is shown, as information, and counted in the summary.
//!
//! `cargo test --test ui -- <filter>…` runs the cases whose id, name, group or
//! path matches a filter (with their fixes), or the programs named
//! (`examples`, `examples/trace`, `README.md`, `README.md:41`); a filter
//! that matches nothing fails. `TRYBUILD=overwrite cargo test --test ui`
//! re-blesses the snapshots (on the blessed toolchain only).

#[allow(dead_code)] // shared with the learn example, which uses other parts
mod teaching;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use teaching::cases::{self, Case, Pass, Suite};
use teaching::compiler::{self, Checked, Diagnostic, Project, Ran, EDITIONS};
use teaching::parity;
use teaching::programs::{self, Origin, Program, Trace};
use teaching::report::{Report, MUTATED_CASE, MUTATED_TEST, MUTATED_TRACED};
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
    let mut report = Report {
        wording_edition: EDITIONS[0],
        ..Report::default()
    };
    report.failures.extend(suite.problems.iter().cloned());
    let mut selected = suite.select(&filters);
    // A case whose claims hold only before some rustc is named, not run, on it.
    let minor = cases::rustc_minor(&version);
    selected.retain(|case| match (case.before, minor) {
        (Some(before), Some(minor)) if minor >= before => {
            report.not_on_this_rustc.push((case.id.clone(), before));
            false
        }
        _ => true,
    });
    let programs = programs_for(&suite, &selected, &filters, &mut report);
    for filter in suite.unmatched(&filters) {
        if !programs.iter().any(|program| program.selected_by(filter)) {
            report.failures.push(no_match(&suite, filter));
        }
    }
    if selected.is_empty() && programs.is_empty() {
        return report.finish();
    }
    println!(
        "ui: {} compile-fail cases and {} programs on {version}, in editions {}",
        selected.len(),
        programs.len(),
        EDITIONS.join(" and ")
    );
    report.edition_only = selected
        .iter()
        .filter(|case| case.editions.len() < EDITIONS.len())
        .flat_map(|case| {
            case.editions
                .iter()
                .map(|edition| (case.id.clone(), *edition))
        })
        .chain(
            programs
                .iter()
                .filter(|program| program.editions.len() < EDITIONS.len())
                .flat_map(|program| {
                    program
                        .editions
                        .iter()
                        .map(|edition| (program.id.clone(), *edition))
                }),
        )
        .collect();
    // The self-checks run with the whole suite only.
    let self_check = filters.is_empty();
    let mut first = None;
    for edition in EDITIONS {
        let cases: Vec<&Case> = selected
            .iter()
            .copied()
            .filter(|case| case.editions.contains(&edition))
            .collect();
        let plan = Plan::new(edition, cases, &programs, &suite, self_check);
        let Some(checked) = build(&plan, &mut report) else {
            continue;
        };
        check_edition(&plan, &checked, &suite, &mut report);
        if first.is_none() {
            first = Some((plan, checked));
        }
    }
    // The snapshots are trybuild's, in the package's edition: the first.
    if let Some((plan, checked)) = &first {
        // trybuild first: when it blesses, the wording is compared with the new snapshots.
        if blessed {
            run_trybuild(&plan.cases, &mut report);
        }
        check_wording(&plan.cases, checked, blessed, &version, &mut report);
        if filters.is_empty() {
            check_readme_lesson(&suite, checked, blessed, &version, &mut report);
        }
    }
    print!("{}", report.summary(&version, blessed));
    report.finish()
}

/// The programs to build besides the cases: the fixes of the selected cases
/// (every pass case with the whole suite); the examples and the README's
/// programs with the whole suite, or when a filter names them.
fn programs_for(
    suite: &Suite,
    selected: &[&Case],
    filters: &[String],
    report: &mut Report,
) -> Vec<Program> {
    let passes = suite.passes_for(selected);
    report.shared_fixes(&passes, selected);
    let mut programs: Vec<Program> = passes.into_iter().map(Program::from_pass).collect();
    let readme = fs::read_to_string(teaching::root().join("README.md")).unwrap_or_default();
    let (readme_programs, fragments) = programs::readme_programs(&readme);
    let others = programs::examples().into_iter().chain(readme_programs);
    programs.extend(others.filter(|program| {
        filters.is_empty() || filters.iter().any(|filter| program.selected_by(filter))
    }));
    if programs
        .iter()
        .any(|program| program.origin == Origin::Readme)
    {
        report.readme_fragments = fragments;
    }
    programs
}

/// Builds an edition's project: what the compiler said about each target.
fn build(plan: &Plan, report: &mut Report) -> Option<Checked> {
    let started = std::time::Instant::now();
    match plan.project.build(false) {
        Ok(checked) => {
            println!(
                "ui: edition {}: {} programs built in {:.1} s",
                plan.edition,
                plan.paths.len(),
                started.elapsed().as_secs_f64()
            );
            Some(checked)
        }
        Err(error) => {
            report
                .failures
                .push(format!("edition {}: {error}", plan.edition));
            None
        }
    }
}

/// Every check of one edition's build.
fn check_edition(plan: &Plan, checked: &Checked, suite: &Suite, report: &mut Report) {
    let edition = plan.edition;
    for case in &plan.cases {
        let problems = check_claims(&case.claims, diagnostics(checked, &case.bin()));
        report.claims(edition, case, &problems);
    }
    let runs = run_all(plan, checked);
    for traced in &plan.programs {
        let program = traced.program;
        report.program(
            edition,
            program,
            check_pass(&traced.bin, program.test, checked, &runs),
        );
    }
    check_traced(plan, checked, &runs, report);
    check_lessons(plan, suite, checked, report);
    check_parity(plan, checked, report);
    check_mutants(plan, checked, &runs, report);
}

/// What the compiler said about a target.
fn diagnostics<'a>(checked: &'a Checked, bin: &str) -> &'a [Diagnostic] {
    checked.diagnostics.get(bin).map_or(&[], Vec::as_slice)
}

/// Everything one edition's project builds, and what each target is.
struct Plan<'a> {
    edition: &'static str,
    project: Project,
    /// Where derived sources are written.
    derived: PathBuf,
    /// Each target's source file.
    paths: HashMap<String, PathBuf>,
    cases: Vec<&'a Case>,
    /// Each case's variants: (what it is, target).
    case_variants: HashMap<String, Vec<(CaseVariant, String)>>,
    programs: Vec<Traced<'a>>,
    mutants: Vec<Mutant>,
    test_mutants: Vec<Mutant>,
    /// Broken trace variants of `MUTATED_TRACED` (an empty `expected`: one
    /// that must not be reported).
    trace_mutants: Vec<Mutant>,
}

/// A variant of a compile-fail case.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CaseVariant {
    Traced(Trace),
    /// Its `async fn main` as a helper called from a sync `main`.
    Helper,
}

/// A program, and its trace variants.
struct Traced<'a> {
    program: &'a Program,
    /// The program as written.
    bin: String,
    /// The program without trace: `bin` itself, or a copy with its trace
    /// argument removed; `None` without a lazy-main attribute.
    base: Option<String>,
    /// With `trace`, with `trace = "verbose"`.
    variants: Vec<(Trace, String)>,
    /// Why trace could not be added mechanically.
    problem: Option<String>,
}

/// A broken copy, and what the check must report about it.
struct Mutant {
    bin: String,
    path: PathBuf,
    expected: &'static str,
}

/// How a variant is named in a report.
fn trace_name(trace: Trace) -> &'static str {
    match trace {
        Trace::Off => "without trace",
        Trace::On => "with `trace`",
        Trace::Verbose => "with `trace = \"verbose\"`",
    }
}

impl<'a> Plan<'a> {
    fn new(
        edition: &'static str,
        cases: Vec<&'a Case>,
        programs: &'a [Program],
        suite: &Suite,
        self_check: bool,
    ) -> Self {
        let project = Project::in_edition(&format!("ui-{edition}"), edition);
        let derived = project.derived_dir();
        let mut plan = Plan {
            edition,
            project,
            derived,
            paths: HashMap::new(),
            cases,
            case_variants: HashMap::new(),
            programs: Vec::new(),
            mutants: Vec::new(),
            test_mutants: Vec::new(),
            trace_mutants: Vec::new(),
        };
        let root = teaching::root();
        for case in plan.cases.clone() {
            plan.add(&case.bin(), root.join(&case.path), false);
            let variants = plan.case_variants(case);
            plan.case_variants.insert(case.id.clone(), variants);
        }
        for program in programs.iter().filter(|p| p.editions.contains(&edition)) {
            let traced = plan.traced(program);
            plan.programs.push(traced);
        }
        if self_check {
            if let Some(case) = suite.case(MUTATED_CASE) {
                plan.mutants = mutants(case, &plan.derived);
            }
            if let Some(pass) = suite.passes.iter().find(|pass| pass.name == MUTATED_TEST) {
                plan.test_mutants = test_mutants(pass, &plan.derived);
            }
            if let Some(pass) = suite.passes.iter().find(|pass| pass.name == MUTATED_TRACED) {
                plan.trace_mutants = trace_mutants(pass, &plan.derived);
            }
            let mutants: Vec<(String, PathBuf, bool)> = (plan.mutants.iter().map(|m| (m, false)))
                .chain(plan.test_mutants.iter().map(|m| (m, true)))
                .chain(plan.trace_mutants.iter().map(|m| (m, false)))
                .map(|(mutant, test)| (mutant.bin.clone(), mutant.path.clone(), test))
                .collect();
            for (bin, path, test) in mutants {
                plan.add(&bin, path, test);
            }
        }
        plan
    }

    fn add(&mut self, bin: &str, path: PathBuf, test: bool) {
        if test {
            self.project.add_test(bin, &path);
        } else {
            self.project.add(bin, &path);
        }
        self.paths.insert(bin.to_owned(), path);
    }

    /// Writes `source` to the derived file of `bin`, and adds it.
    fn derive(&mut self, bin: &str, source: &str, test: bool) {
        let path = self.derived.join(format!("{bin}.rs"));
        compiler::write_if_changed(&path, source).unwrap_or_else(|e| panic!("{e}"));
        self.add(bin, path, test);
    }

    /// A case's variants with trace (where it has one attributed function
    /// and no trace of its own) and as a helper (where it is `main`).
    fn case_variants(&mut self, case: &Case) -> Vec<(CaseVariant, String)> {
        let mut variants = Vec::new();
        let untraced = programs::with_trace(&case.source, Trace::Off);
        let traceable = case.attributed_body().is_some()
            && matches!(&untraced, Ok(Some(untraced)) if untraced.trim_end() == case.source.trim_end());
        if traceable {
            for trace in [Trace::On, Trace::Verbose] {
                if let Ok(Some(source)) = programs::with_trace(&case.source, trace) {
                    let bin = format!("{}-{}", trace.name(), case.bin());
                    self.derive(&bin, &source, false);
                    variants.push((CaseVariant::Traced(trace), bin));
                }
            }
        }
        if let Some(source) = case.as_helper() {
            let bin = format!("helper-{}", case.bin());
            self.derive(&bin, &source, false);
            variants.push((CaseVariant::Helper, bin));
        }
        variants
    }

    /// A program as written (a copy, for examples and README blocks), its
    /// base without trace, and its trace variants.
    fn traced(&mut self, program: &'a Program) -> Traced<'a> {
        let bin = program.bin();
        if program.origin == Origin::Pass {
            self.add(&bin, teaching::root().join(&program.path), program.test);
        } else {
            self.derive(&bin, &program.source, program.test);
        }
        let mut traced = Traced {
            program,
            bin: bin.clone(),
            base: None,
            variants: Vec::new(),
            problem: None,
        };
        match programs::with_trace(&program.source, Trace::Off) {
            Ok(None) => {}
            Err(problem) => traced.problem = Some(problem),
            Ok(Some(untraced)) => {
                if untraced.trim_end() == program.source.trim_end() {
                    traced.base = Some(bin.clone());
                } else {
                    let base = format!("untraced-{bin}");
                    self.derive(&base, &untraced, program.test);
                    traced.base = Some(base);
                }
                for trace in [Trace::On, Trace::Verbose] {
                    match programs::with_trace(&program.source, trace) {
                        Ok(Some(source)) => {
                            let variant = format!("{}-{bin}", trace.name());
                            self.derive(&variant, &source, program.test);
                            traced.variants.push((trace, variant));
                        }
                        Ok(None) => {}
                        Err(problem) => traced.problem = Some(problem),
                    }
                }
            }
        }
        traced
    }

    /// The names the compiler may give a target's file, in messages and in
    /// panics: its path, and the path relative to the project and the package.
    fn this_file(&self, bin: &str) -> Vec<String> {
        let Some(path) = self.paths.get(bin) else {
            return Vec::new();
        };
        let mut names = vec![path.display().to_string()];
        for base in [self.project.dir(), teaching::root()] {
            if let Ok(relative) = path.strip_prefix(base) {
                names.push(relative.display().to_string());
            }
        }
        names
    }
}

/// Runs every program that compiled — as written, without trace and with —
/// and the broken test twins; two at a time. Test files run their tests one
/// after the other, so that their output comes in one order.
fn run_all(plan: &Plan, checked: &Checked) -> HashMap<String, Ran> {
    let mut jobs: Vec<(String, PathBuf, bool)> = Vec::new();
    let mut add = |bin: &str, test: bool| {
        if let Some(executable) = checked.executables.get(bin) {
            if !jobs.iter().any(|(other, _, _)| other == bin) {
                jobs.push((bin.to_owned(), executable.clone(), test));
            }
        }
    };
    for traced in &plan.programs {
        let test = traced.program.test;
        add(&traced.bin, test);
        if let Some(base) = &traced.base {
            add(base, test);
        }
        for (_, variant) in &traced.variants {
            add(variant, test);
        }
    }
    for mutant in &plan.test_mutants {
        add(&mutant.bin, true);
    }
    for mutant in &plan.trace_mutants {
        add(&mutant.bin, false);
    }
    let jobs = std::sync::Mutex::new(jobs);
    let runs = std::sync::Mutex::new(HashMap::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let Some((bin, executable, test)) = jobs.lock().expect("jobs").pop() else {
                    break;
                };
                let args: &[&str] = if test { &["--test-threads=1"] } else { &[] };
                let ran = compiler::run(&executable, args).unwrap_or_else(|error| Ran {
                    success: false,
                    status: error,
                    stdout: String::new(),
                    stderr: String::new(),
                    tests_passed: None,
                });
                runs.lock().expect("runs").insert(bin, ran);
            });
        }
    });
    runs.into_inner().expect("runs")
}

/// Each program with a lazy-main attribute against its trace variants:
/// diagnostics, and, where the program runs, its behaviour.
fn check_traced(plan: &Plan, checked: &Checked, runs: &HashMap<String, Ran>, report: &mut Report) {
    for traced in &plan.programs {
        let program = traced.program;
        if let Some(problem) = &traced.problem {
            let problem = format!("trace cannot be added mechanically: {problem}");
            report.traced(plan.edition, program, false, &[problem]);
            continue;
        }
        let Some(base) = &traced.base else {
            report.tally(plan.edition).untraceable += 1;
            continue;
        };
        let problems: Vec<String> = traced
            .variants
            .iter()
            .flat_map(|(trace, variant)| {
                trace_differences(plan, checked, runs, base, trace_name(*trace), variant)
            })
            .collect();
        report.traced(plan.edition, program, runs.contains_key(base), &problems);
    }
}

/// How `variant` (named `name`) differs from the program without trace,
/// `base`: its diagnostics, and, if `base` ran, its run.
fn trace_differences(
    plan: &Plan,
    checked: &Checked,
    runs: &HashMap<String, Ran>,
    base: &str,
    name: &str,
    variant: &str,
) -> Vec<String> {
    let (base_file, variant_file) = (plan.this_file(base), plan.this_file(variant));
    let mut problems = Vec::new();
    let differ = parity::diagnostics_differ(
        ("without trace", diagnostics(checked, base), &base_file),
        (name, diagnostics(checked, variant), &variant_file),
    );
    problems.extend(differ.map(|diff| format!("{name}: {diff}")));
    let base_run = runs.get(base).map(|ran| parity::behaviour(ran, &base_file));
    let variant_run = runs
        .get(variant)
        .map(|ran| parity::behaviour(ran, &variant_file));
    match (&base_run, variant_run) {
        (Some(base_run), Some(variant_run)) => {
            let differ =
                parity::behaviour_differs(("without trace", base_run), (name, &variant_run));
            problems.extend(differ.map(|diff| format!("{name}: {diff}")));
        }
        (Some(_), None) => problems.push(format!("{name}: did not compile, so did not run")),
        _ => {}
    }
    problems
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

/// Each body case, compiled as a plain `async fn` by rustc, against the
/// attributed case and its variants.
fn check_parity(plan: &Plan, checked: &Checked, report: &mut Report) {
    let edition = plan.edition;
    for case in &plan.cases {
        let attributed = diagnostics(checked, &case.bin());
        if !in_body(case, attributed) {
            if case.group == "body_errors" {
                report.fail(
                    edition,
                    &case.path,
                    "a body_errors case",
                    &["not all of its diagnostics are inside the attributed body".to_owned()],
                );
            }
            continue;
        }
        let Some(plain_source) = case.with_attribute_replaced(|_| "#[allow(dead_code)]".to_owned())
        else {
            continue;
        };
        if plain_source.contains("lazy_main") {
            report.fail(
                edition,
                &case.path,
                "its plain `async fn` twin",
                &["it would still name `lazy_main`; keep attributed bodies std-only".to_owned()],
            );
            continue;
        }
        let plain_path = plan.derived.join(format!("plain-{}.rs", case.bin()));
        compiler::write_if_changed(&plain_path, &plain_source).unwrap_or_else(|e| panic!("{e}"));
        let as_plain_fn = match compiler::check_plain_library(
            &plain_path,
            &plan.derived.join("plain"),
            edition,
        ) {
            Ok(diagnostics) => diagnostics,
            Err(error) => {
                report.failures.push(format!("edition {edition}: {error}"));
                continue;
            }
        };
        let plain_file = vec![plain_path.display().to_string()];
        let variants = plan
            .case_variants
            .get(&case.id)
            .map_or(&[][..], Vec::as_slice);
        let mut problems = Vec::new();
        // The program's `main` is an inner `async fn`, diagnosed exactly as
        // a plain one; any other function, and `main` renamed a helper, is
        // an `async move` block, which rustc words differently in two ways
        // (`parity::as_in_an_async_block`).
        let attribute_is_a_block = case.as_helper().is_none();
        let compared = std::iter::once((
            "with the attribute",
            case.bin(),
            attribute_is_a_block,
            false,
        ))
        .chain(variants.iter().map(|(variant, bin)| match variant {
            CaseVariant::Traced(trace) => {
                (trace_name(*trace), bin.clone(), attribute_is_a_block, true)
            }
            CaseVariant::Helper => (
                "as a helper (an `async move` block)",
                bin.clone(),
                true,
                false,
            ),
        }));
        for (name, bin, block, traced) in compared {
            let mut expected = as_plain_fn.clone();
            if block {
                expected = parity::as_in_an_async_block(&expected);
            }
            if traced {
                expected = parity::as_labelled_by_trace(&expected);
            }
            let expected_name = match (block, traced) {
                (false, false) => "as a plain async fn",
                (true, false) => "as a plain async fn, in an async block's words",
                (false, true) => "as a plain async fn, with trace's labels",
                (true, true) => {
                    "as a plain async fn, in an async block's words, with trace's labels"
                }
            };
            let expected = &expected;
            let differ = parity::diagnostics_differ(
                (expected_name, expected, &plain_file),
                (name, diagnostics(checked, &bin), &plan.this_file(&bin)),
            );
            problems.extend(differ.map(|diff| format!("{name}: {diff}")));
        }
        let helper = variants
            .iter()
            .any(|(variant, _)| *variant == CaseVariant::Helper);
        report.parity(edition, case, helper, &problems);
    }
}

/// A filter matches no case: a failure, with the nearest known name.
fn no_match(suite: &Suite, filter: &str) -> String {
    let near = suite.did_you_mean(filter);
    format!(
        "no case or program matches `{filter}`{}: a filter is a case (`misuse/on_struct`, `on_struct`), a group (`misuse`), a path, or a program (`examples/trace`, `README.md:41`, `examples`, `README.md`)",
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

/// Broken copies of a case: (bin, file, what must be reported).
fn mutants(case: &Case, dir: &Path) -> Vec<Mutant> {
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
            compiler::write_if_changed(&path, &source).unwrap_or_else(|e| panic!("{e}"));
            Mutant {
                bin: format!("mutant-{kind}"),
                path,
                expected,
            }
        })
        .collect()
}

/// Broken copies of a test twin: (test target, file, what must be reported).
/// Built as a plain program, neither would be noticed: the test function,
/// with its error, is compiled out.
fn test_mutants(pass: &Pass, dir: &Path) -> Vec<Mutant> {
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
        compiler::write_if_changed(&path, &source).unwrap_or_else(|e| panic!("{e}"));
        Mutant {
            bin: format!("mutant-test-{kind}"),
            path,
            expected,
        }
    })
    .collect()
}

/// Broken `trace` variants of a program: a line planted at the start of its
/// body. A print, a line on stderr and a warning must be reported; a line on
/// stderr that starts with `lazy_main:` (as trace's reports do) must not.
fn trace_mutants(pass: &Pass, dir: &Path) -> Vec<Mutant> {
    let Ok(Some(traced)) = programs::with_trace(&pass.source, Trace::On) else {
        return Vec::new();
    };
    let Some(((open, _), _)) = cases::attributed_body(&traced) else {
        return Vec::new();
    };
    let lines: Vec<&str> = traced.lines().collect();
    let planted = |statement: &str| {
        let mut changed = lines.clone();
        changed.insert(open, statement);
        changed.join("\n") + "\n"
    };
    [
        (
            "stdout",
            "    println!(\"printed only when traced\");",
            "runs differ",
        ),
        (
            "stderr",
            "    eprintln!(\"not a trace report\");",
            "runs differ",
        ),
        ("warning", "    let unused = 1;", "diagnostics differ"),
        (
            "report",
            "    eprintln!(\"lazy_main: like a trace report\");",
            "",
        ),
    ]
    .into_iter()
    .map(|(kind, statement, expected)| {
        let path = dir.join(format!("mutant-trace-{kind}.rs"));
        compiler::write_if_changed(&path, &planted(statement)).unwrap_or_else(|e| panic!("{e}"));
        Mutant {
            bin: format!("mutant-trace-{kind}"),
            path,
            expected,
        }
    })
    .collect()
}

/// The broken copies: each must be reported as it must.
fn check_mutants(plan: &Plan, checked: &Checked, runs: &HashMap<String, Ran>, report: &mut Report) {
    let edition = plan.edition;
    for mutant in &plan.mutants {
        let source = fs::read_to_string(&mutant.path).unwrap_or_default();
        let claims = claims::parse(&source).unwrap_or_default();
        let problems = check_claims(&claims, diagnostics(checked, &mutant.bin));
        let tally = report.tally(edition);
        tally.mutants += 1;
        if problems
            .iter()
            .any(|problem| problem.starts_with(mutant.expected))
        {
            tally.mutants_caught += 1;
        } else {
            report.failures.push(format!(
                "edition {edition}: self-check: {} (a broken copy of {MUTATED_CASE}) was not reported as {}: {problems:?}",
                mutant.bin, mutant.expected
            ));
        }
    }
    // The program they are broken variants of, without trace.
    let base = plan
        .programs
        .iter()
        .find(|traced| traced.program.id == MUTATED_TRACED)
        .and_then(|traced| traced.base.clone())
        .unwrap_or_default();
    for mutant in &plan.trace_mutants {
        let problems = trace_differences(plan, checked, runs, &base, "with `trace`", &mutant.bin);
        let judged = if mutant.expected.is_empty() {
            problems.is_empty()
        } else {
            problems.iter().any(|p| p.contains(mutant.expected))
        };
        let tally = report.tally(edition);
        tally.trace_mutants += 1;
        tally.trace_mutants_caught += usize::from(judged);
        if !judged {
            report.failures.push(format!(
                "edition {edition}: self-check: {} (a broken `trace` variant of {MUTATED_TRACED}) was not judged right: expected {:?}, got {problems:?}",
                mutant.bin,
                if mutant.expected.is_empty() { "no difference" } else { mutant.expected }
            ));
        }
    }
    for mutant in &plan.test_mutants {
        let result = check_pass(&mutant.bin, true, checked, runs);
        let tally = report.tally(edition);
        tally.test_mutants += 1;
        match result {
            Err(problems) if problems.iter().any(|p| p.starts_with(mutant.expected)) => {
                tally.test_mutants_caught += 1;
            }
            result => report.failures.push(format!(
                "edition {edition}: self-check: {} (a broken copy of {MUTATED_TEST}) was not reported as \"{}\": {result:?}",
                mutant.bin, mutant.expected
            )),
        }
    }
}

/// A pass case's problems, or what ran: `None` for a program, the number of
/// tests that passed for a test file.
fn check_pass(
    bin: &str,
    test: bool,
    built: &Checked,
    runs: &HashMap<String, Ran>,
) -> Result<Option<usize>, Vec<String>> {
    let mut problems: Vec<String> = built
        .diagnostics
        .get(bin)
        .into_iter()
        .flatten()
        .map(|diagnostic| format!("compiled with {diagnostic}"))
        .collect();
    let Some(ran) = runs.get(bin) else {
        problems.push("did not compile".to_owned());
        return Err(problems);
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

/// Where a case's rendered diagnostics show lazy-main's source, or a help
/// whose code is a sketch (an `impl Trait` closure parameter), its lesson
/// must say how to read them (`teaching::reading`). The rendering is read
/// here on its own, so that a change in rustc's JSON or in the paths cannot
/// silence the lesson's notes unnoticed.
fn check_lessons(plan: &Plan, suite: &Suite, checked: &Checked, report: &mut Report) {
    let prefix = format!("{}/", teaching::root().display());
    for case in &plan.cases {
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
        report.lesson(plan.edition, case, &problems);
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
