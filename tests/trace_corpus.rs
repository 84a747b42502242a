//! Issue 18, "Prove it": `trace` never changes the program it observes.
//!
//! Bodies generated from a small grammar of `.await` positions
//! (`corpus/grammar.rs`: operands × positions) are compiled three times in
//! each edition, 2021 and 2024: plain, with `trace` and with
//! `trace = "verbose"`. The three files differ in their attribute lines only,
//! so every other line and column is the same. Then:
//!
//! - **diagnostics**: every one, in full (level, code, message, each span's
//!   lines, columns, label and suggested replacement, the macros it came
//!   through, each child), must be the same, body by body;
//! - **runs**: the bodies that compile are built (their late lints compared
//!   again, now that no error stops them) and run; stdout, and stderr
//!   without the trace's `lazy_main:` lines, must be the same, panics
//!   (caught per body, their messages printed) and drop order included;
//! - **clippy**: its diagnostics of the bodies that compile must be the same
//!   too (skipped, and said so, where clippy is not installed).
//!
//! Three differences are known and cannot be avoided by the labelling,
//! which moves the operand into a call; each is asserted narrowly
//! (`corpus/diagnostics.rs`, `Known`) and its bodies are listed apart:
//!
//! - a variable used again after `.await` moved it: plain rustc says "`x`
//!   moved due to this await" with a note on `into_future`, with `trace` the
//!   move is into the wrapper's call, "value moved here";
//! - a call whose future cannot be awaited (not `Unpin` behind a `Box`):
//!   plain rustc labels the call "this call returns `T`", with `trace` the
//!   label is missing;
//! - a value whose type is not known where it is awaited
//!   (`Default::default().await`; `let f = todo!();` then `f.await`): both
//!   fail at the same token (from rustc 1.99, with `trace` at the `.` of
//!   the `.await`), but the type-annotations error is E0283, not E0790, or
//!   `trace` adds a second "is not a future", at the `.` of that
//!   `.await`, naming its bound.
//!
//! Everything else in those diagnostics (code, message, primary span, the
//! other labels and children) must still be the same.
//!
//! What may differ without the program differing is left out of the
//! comparison: the columns of spans on the attribute line, the generated
//! file's name (it names the variant), rustc's once-per-crate note that a
//! lint is on by default, the thread id in a panic message, the test
//! harness's timing, and the trace's report.
//!
//! The bodies are grouped: one bin and one test target per edition, variant
//! and phase, in a scratch workspace under `target/trace-corpus`, compiled
//! by one `cargo check` and one `cargo build`. In a crate with an error
//! rustc runs no late lints, so the check compares the errors and early
//! warnings of every body, and the build, of the bodies that compile, the
//! rest of their warnings. The generated files stay there to be read; the
//! summary names each difference's body, variant and diff.

mod corpus;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use corpus::diagnostics::{self, Diagnostic, File, Known};
use corpus::grammar::{self, Body, Shape};
use corpus::project::{self, Phase, Reported, Target, Workspace};
use corpus::render::{self, Kind, Source, Variant};
use corpus::runs;

const EDITIONS: [u32; 2] = [2021, 2024];

/// Where diagnostics outside every body (prelude, driver) are filed.
const OUTSIDE: &str = "(outside the bodies)";

fn main() -> ExitCode {
    if std::env::args().any(|arg| arg == "--list") {
        // For test runners that list before they run.
        println!("trace_corpus: test");
        return ExitCode::SUCCESS;
    }
    let started = Instant::now();
    let mut report = Report::default();
    let mut editions = Vec::new();
    if let Err(error) = run(&mut report, &mut editions) {
        report.failures.push(error);
    }
    report.editions = editions;
    report.timings.push(("in all", started.elapsed()));
    report.print();
    if report.failures.is_empty() && report.differences.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// One edition's bodies and what became of them.
struct Edition {
    year: u32,
    bodies: Vec<Body>,
    /// How many compile plain.
    compiling_plain: usize,
    /// Bodies without an error in any variant.
    compiling: BTreeSet<String>,
}

impl Edition {
    fn body(&self, name: &str) -> Option<&Body> {
        self.bodies.iter().find(|body| body.name == name)
    }
}

/// Diagnostics of one target, by body.
type ByBody = BTreeMap<String, Vec<Diagnostic>>;

fn run(report: &mut Report, editions: &mut Vec<Edition>) -> Result<(), String> {
    grammar::check_grammar()?;
    report.rustc = rustc_version();
    let workspace = Workspace::new(&EDITIONS);
    workspace.prepare()?;
    editions.extend(EDITIONS.iter().map(|&year| Edition {
        year,
        bodies: grammar::bodies(year),
        compiling_plain: 0,
        compiling: BTreeSet::new(),
    }));

    // Every body, checked.
    let started = Instant::now();
    let mut sources = HashMap::new();
    for edition in editions.iter() {
        let bodies: Vec<&Body> = edition.bodies.iter().collect();
        write_targets(
            &workspace,
            edition.year,
            Phase::Check,
            &bodies,
            &mut sources,
        )?;
    }
    let checked = workspace.cargo("check", Phase::Check)?;
    report.timings.push(("cargo check", started.elapsed()));
    let diagnostics = by_target(&checked, &sources, Phase::Check)?;
    for edition in editions.iter_mut() {
        compare_diagnostics(report, edition, Phase::Check, "diagnostics", &diagnostics);
        edition.compiling_plain = compiling(edition, &diagnostics, &[Variant::Plain]).len();
        edition.compiling = compiling(edition, &diagnostics, &Variant::ALL);
        if let Some(errors) = outside_errors(edition.year, &diagnostics) {
            return Err(errors);
        }
    }

    // The bodies that compile, built and run.
    let started = Instant::now();
    for edition in editions.iter() {
        let bodies: Vec<&Body> = edition
            .bodies
            .iter()
            .filter(|body| edition.compiling.contains(&body.name))
            .collect();
        write_targets(&workspace, edition.year, Phase::Run, &bodies, &mut sources)?;
    }
    let built = workspace.cargo("build", Phase::Run)?;
    report.timings.push(("cargo build", started.elapsed()));
    let diagnostics = by_target(&built, &sources, Phase::Run)?;
    let executables = executables(&built);
    let started = Instant::now();
    for edition in editions.iter() {
        let what = "diagnostics of the build without the failing bodies";
        compare_diagnostics(report, edition, Phase::Run, what, &diagnostics);
        compare_runs(report, edition, &executables)?;
    }
    report.timings.push(("runs", started.elapsed()));

    // Clippy's word on the same bodies: users lint what they trace.
    if !project::has_clippy() {
        report
            .skipped
            .push("clippy: not installed for this toolchain");
        return Ok(());
    }
    let started = Instant::now();
    let linted = workspace.cargo("clippy", Phase::Run)?;
    let diagnostics = by_target(&linted, &sources, Phase::Run)?;
    for edition in editions.iter() {
        let what = "clippy's diagnostics";
        compare_diagnostics(report, edition, Phase::Run, what, &diagnostics);
    }
    report.timings.push(("cargo clippy", started.elapsed()));
    Ok(())
}

/// Writes the six files of `phase` for an edition: bin and tests, per variant.
fn write_targets(
    workspace: &Workspace,
    edition: u32,
    phase: Phase,
    bodies: &[&Body],
    sources: &mut HashMap<Target, Source>,
) -> Result<(), String> {
    for variant in Variant::ALL {
        for kind in [Kind::Bin, Kind::Tests] {
            let target = Target {
                edition,
                phase,
                variant,
                kind,
            };
            let source = render::render(bodies, variant, kind);
            workspace.write(&target, &source.text)?;
            sources.insert(target, source);
        }
    }
    Ok(())
}

/// Each target's diagnostics, filed under the body they are about. A
/// target that reported neither an artifact nor an error means cargo
/// itself failed.
fn by_target(
    reported: &Reported,
    sources: &HashMap<Target, Source>,
    phase: Phase,
) -> Result<HashMap<Target, ByBody>, String> {
    let sources: Vec<(&Target, &Source)> = sources
        .iter()
        .filter(|(target, _)| target.phase == phase)
        .collect();
    let mut result = HashMap::new();
    let mut answered = BTreeSet::new();
    for &(target, source) in &sources {
        let name = target.name();
        let path = target.relative_path();
        let file = File {
            relative_path: &path,
            attribute_lines: &source.attribute_lines,
        };
        let mut by_body = ByBody::new();
        for message in &reported.messages {
            if message["target"]["name"].as_str() != Some(name.as_str()) {
                continue;
            }
            answered.insert(name.clone());
            if message["reason"] != "compiler-message" {
                continue;
            }
            let Some(diagnostic) = diagnostics::parse(&message["message"], &file) else {
                continue;
            };
            let body = diagnostic
                .lines
                .iter()
                .find_map(|line| {
                    source
                        .bodies
                        .iter()
                        .find(|(_, first, last)| (*first..=*last).contains(line))
                })
                .map_or(OUTSIDE, |(name, _, _)| name.as_str());
            by_body.entry(body.to_owned()).or_default().push(diagnostic);
        }
        result.insert(target.clone(), by_body);
    }
    let silent: Vec<String> = sources
        .iter()
        .map(|(target, _)| target.name())
        .filter(|name| !answered.contains(name))
        .collect();
    if silent.is_empty() {
        Ok(result)
    } else {
        Err(format!(
            "cargo gave no result for {}:\n{}",
            silent.join(", "),
            reported.stderr
        ))
    }
}

/// Whether the two lists are the same, differ only as is known, or differ.
enum Verdict {
    Same,
    Known(Known),
    Differs(String),
}

fn verdict(plain: &[Diagnostic], other: &[Diagnostic]) -> Verdict {
    if plain == other {
        return Verdict::Same;
    }
    if let Some(known) = diagnostics::known_difference(plain, other) {
        return Verdict::Known(known);
    }
    let text = |list: &[Diagnostic]| {
        list.iter()
            .flat_map(Diagnostic::lines)
            .map(|line| line + "\n")
            .collect::<String>()
    };
    Verdict::Differs(diff(&text(plain), &text(other)))
}

/// A unified diff, the same for both traced variants when they differ alike.
fn diff(plain: &str, other: &str) -> String {
    similar::TextDiff::from_lines(plain, other)
        .unified_diff()
        .context_radius(3)
        .header("plain", "traced")
        .to_string()
}

/// Compares each traced variant's diagnostics of `phase` with plain's, body
/// by body; `what` names them in the report.
fn compare_diagnostics(
    report: &mut Report,
    edition: &Edition,
    phase: Phase,
    what: &'static str,
    diagnostics: &HashMap<Target, ByBody>,
) {
    let empty = ByBody::new();
    for kind in [Kind::Bin, Kind::Tests] {
        let of = |variant| {
            diagnostics
                .get(&Target {
                    edition: edition.year,
                    phase,
                    variant,
                    kind,
                })
                .unwrap_or(&empty)
        };
        let plain = of(Variant::Plain);
        for variant in [Variant::Trace, Variant::Verbose] {
            let other = of(variant);
            let names: BTreeSet<&String> = plain.keys().chain(other.keys()).collect();
            for name in names {
                let list = |by_body: &ByBody| by_body.get(name).cloned().unwrap_or_default();
                match verdict(&list(plain), &list(other)) {
                    Verdict::Same => {}
                    Verdict::Known(known) => {
                        report.known.insert((known, edition.year, name.clone()));
                    }
                    Verdict::Differs(diff) => report.differences.push(Difference {
                        edition: edition.year,
                        body: name.clone(),
                        variant,
                        what,
                        diff,
                    }),
                }
            }
        }
    }
}

/// The bodies without an error in any of `variants`.
fn compiling(
    edition: &Edition,
    diagnostics: &HashMap<Target, ByBody>,
    variants: &[Variant],
) -> BTreeSet<String> {
    let failing: BTreeSet<&String> = diagnostics
        .iter()
        .filter(|(target, _)| target.edition == edition.year && variants.contains(&target.variant))
        .flat_map(|(_, by_body)| by_body.iter())
        .filter(|(_, list)| list.iter().any(|d| d.level == "error"))
        .map(|(name, _)| name)
        .collect();
    edition
        .bodies
        .iter()
        .map(|body| body.name.clone())
        .filter(|name| !failing.contains(name))
        .collect()
}

/// An error outside the bodies is the corpus's own fault.
fn outside_errors(edition: u32, diagnostics: &HashMap<Target, ByBody>) -> Option<String> {
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|(target, _)| target.edition == edition)
        .filter_map(|(target, by_body)| Some((target, by_body.get(OUTSIDE)?)))
        .flat_map(|(target, list)| {
            list.iter()
                .filter(|d| d.level == "error")
                .map(move |d| format!("{}: {}", target.name(), d.lines().join("\n")))
        })
        .collect();
    (!errors.is_empty()).then(|| {
        format!(
            "errors outside the bodies (the corpus's own code):\n{}",
            errors.join("\n")
        )
    })
}

/// Each built target's executable.
fn executables(built: &Reported) -> HashMap<String, PathBuf> {
    built
        .messages
        .iter()
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter_map(|message| {
            let name = message["target"]["name"].as_str()?;
            let executable = message["executable"].as_str()?;
            Some((name.to_owned(), PathBuf::from(executable)))
        })
        .collect()
}

/// Runs each variant's driver, and each test, and compares their output
/// with the plain one's, body by body.
fn compare_runs(
    report: &mut Report,
    edition: &Edition,
    executables: &HashMap<String, PathBuf>,
) -> Result<(), String> {
    let target = |variant, kind| Target {
        edition: edition.year,
        phase: Phase::Run,
        variant,
        kind,
    };
    let executable = |target: &Target| {
        executables
            .get(&target.name())
            .ok_or_else(|| format!("`{}` was not built", target.name()))
    };
    // The drivers: every helper and program's `main`, in one process each.
    let mut outputs = Vec::new();
    for variant in Variant::ALL {
        let target = target(variant, Kind::Bin);
        let output = runs::run(executable(&target)?, &[])?;
        let path = target.relative_path();
        outputs.push((
            variant,
            output.status,
            runs::by_body(&runs::normalize(&output.stdout, &path)),
            runs::by_body(&runs::normalize(&output.stderr, &path)),
        ));
    }
    let (_, plain_status, plain_stdout, plain_stderr) = &outputs[0];
    for (variant, status, stdout, stderr) in &outputs[1..] {
        let mut compare = |body: &str, what, plain: &str, other: &str| {
            if plain != other {
                report.differences.push(Difference {
                    edition: edition.year,
                    body: body.to_owned(),
                    variant: *variant,
                    what,
                    diff: diff(plain, other),
                });
            }
        };
        compare("(the driver)", "exit status", plain_status, status);
        for (streams, plain, other) in [
            ("stdout", plain_stdout, stdout),
            ("stderr", plain_stderr, stderr),
        ] {
            let names: BTreeSet<&String> = plain.keys().chain(other.keys()).collect();
            for name in names {
                let text = |map: &BTreeMap<String, String>| map.get(name).cloned();
                compare(
                    name,
                    streams,
                    &text(plain).unwrap_or_default(),
                    &text(other).unwrap_or_default(),
                );
            }
        }
    }
    // The tests: one process per test and variant.
    for body in &edition.bodies {
        if body.shape != Shape::Test || !edition.compiling.contains(&body.name) {
            continue;
        }
        let args = [
            body.name.as_str(),
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ];
        let mut plain = None;
        for variant in Variant::ALL {
            let target = target(variant, Kind::Tests);
            let output = runs::run(executable(&target)?, &args)?;
            let path = target.relative_path();
            let text = format!(
                "status: {}\n---- stdout\n{}---- stderr\n{}",
                output.status,
                runs::normalize(&output.stdout, &path),
                runs::normalize(&output.stderr, &path)
            );
            match &plain {
                None => plain = Some(text),
                Some(plain) if *plain != text => report.differences.push(Difference {
                    edition: edition.year,
                    body: body.name.clone(),
                    variant,
                    what: "test output",
                    diff: diff(plain, &text),
                }),
                Some(_) => {}
            }
        }
    }
    Ok(())
}

fn rustc_version() -> String {
    std::process::Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .arg("--version")
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// A body whose diagnostics or output differ between plain and a variant.
struct Difference {
    edition: u32,
    body: String,
    variant: Variant,
    what: &'static str,
    diff: String,
}

#[derive(Default)]
struct Report {
    rustc: String,
    editions: Vec<Edition>,
    differences: Vec<Difference>,
    /// Bodies whose only difference is known, by kind and edition.
    known: BTreeSet<(Known, u32, String)>,
    failures: Vec<String>,
    /// What could not be compared here, and why.
    skipped: Vec<&'static str>,
    timings: Vec<(&'static str, Duration)>,
}

impl Report {
    fn print(&self) {
        println!(
            "\ntrace corpus on {}: plain, `trace` and `trace = \"verbose\"` compared",
            self.rustc
        );
        self.print_differences();
        println!(
            "\ngrammar: {} positions × {} operands (each position with the core operands, \
             a share of the others, and chosen pairs)",
            grammar::positions().count(),
            grammar::OPERANDS.len()
        );
        for edition in &self.editions {
            self.print_edition(edition);
        }
        self.print_tallies();
        for kind in Known::ALL {
            for year in EDITIONS {
                let known: Vec<String> = self
                    .known
                    .iter()
                    .filter(|(known, edition, _)| (*known, *edition) == (kind, year))
                    .map(|(_, _, name)| self.described(year, name))
                    .collect();
                if !known.is_empty() {
                    println!(
                        "known, edition {year}, {} bodies: {}:\n    {}",
                        known.len(),
                        kind.describe(),
                        known.join("\n    ")
                    );
                }
            }
        }
        for skipped in &self.skipped {
            println!("skipped: {skipped}");
        }
        for failure in &self.failures {
            println!("FAILED: {failure}");
        }
        let timings: Vec<String> = self
            .timings
            .iter()
            .map(|(what, time)| format!("{what} {:.1} s", time.as_secs_f64()))
            .collect();
        println!("time: {}", timings.join(", "));
        println!(
            "trace corpus: {} bodies differ{}",
            self.differing_bodies().len(),
            if self.failures.is_empty() {
                String::new()
            } else {
                format!(", {} failures", self.failures.len())
            }
        );
    }

    /// Each difference with its body and diff, once: `verbose`'s and edition
    /// 2024's are only named where they are the same as `trace`'s in 2021
    /// (the bodies of both editions are numbered alike, let chains last).
    fn print_differences(&self) {
        let mut printed: Vec<&Difference> = Vec::new();
        for difference in &self.differences {
            let same = printed.iter().find(|earlier| {
                (&earlier.body, earlier.what, &earlier.diff)
                    == (&difference.body, difference.what, &difference.diff)
            });
            if let Some(earlier) = same {
                println!(
                    "== edition {}, {}, `{}`: the same as edition {}, `{}`",
                    difference.edition,
                    difference.body,
                    difference.variant.name(),
                    earlier.edition,
                    earlier.variant.name()
                );
            } else {
                self.print_difference(difference);
                printed.push(difference);
            }
        }
    }

    fn print_difference(&self, difference: &Difference) {
        println!(
            "\n== edition {}, {}, `{}`: {} differ",
            difference.edition,
            self.described(difference.edition, &difference.body),
            difference.variant.name(),
            difference.what
        );
        if let Some(body) = self.body(difference.edition, &difference.body) {
            if let Some((template, operand)) = &body.generated {
                println!(
                    "    written by `macro_rules! m {{ ($e:expr) => {{ … }} }}`, `m!({operand})`:"
                );
                for line in template.lines() {
                    println!("    | {line}");
                }
            } else {
                for line in body.code.lines() {
                    println!("    | {line}");
                }
            }
        }
        for line in difference.diff.lines() {
            println!("    {line}");
        }
    }

    fn print_edition(&self, edition: &Edition) {
        let count = |shape| {
            edition
                .bodies
                .iter()
                .filter(|body| body.shape == shape)
                .count()
        };
        let differing = self
            .differing_bodies()
            .iter()
            .filter(|(year, _)| *year == edition.year)
            .count();
        let known = self
            .known
            .iter()
            .filter(|(_, year, _)| *year == edition.year)
            .count();
        println!(
            "edition {}: {} bodies ({} helpers, {} written by a macro, {} programs' `main`, \
             {} tests); {} compile plain, {} in all three variants (built and run); \
             {differing} differ; {known} known",
            edition.year,
            edition.bodies.len(),
            count(Shape::Helper),
            count(Shape::Generated),
            count(Shape::Main),
            count(Shape::Test),
            edition.compiling_plain,
            edition.compiling.len(),
        );
    }

    /// The differing bodies by operand and by position, to see what they share.
    fn print_tallies(&self) {
        let mut by_operand: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_position: BTreeMap<&str, usize> = BTreeMap::new();
        for (year, name) in self.differing_bodies() {
            let Some(body) = self.body(year, name) else {
                continue;
            };
            if let Some((operand, position)) = body.description.split_once(" × ") {
                *by_operand.entry(operand).or_default() += 1;
                *by_position.entry(position).or_default() += 1;
            }
        }
        let tally = |map: BTreeMap<&str, usize>| {
            let mut counts: Vec<(&str, usize)> = map.into_iter().collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            counts
                .iter()
                .map(|(name, count)| format!("{name} {count}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !by_operand.is_empty() {
            println!("differing bodies by operand: {}", tally(by_operand));
            println!("differing bodies by position: {}", tally(by_position));
        }
    }

    fn differing_bodies(&self) -> BTreeSet<(u32, &String)> {
        self.differences
            .iter()
            .map(|d| (d.edition, &d.body))
            .collect()
    }

    fn body(&self, year: u32, name: &str) -> Option<&Body> {
        self.editions
            .iter()
            .find(|edition| edition.year == year)
            .and_then(|edition| edition.body(name))
    }

    fn described(&self, year: u32, name: &str) -> String {
        self.body(year, name).map_or_else(
            || name.to_owned(),
            |body| format!("{name} ({})", body.description),
        )
    }
}
