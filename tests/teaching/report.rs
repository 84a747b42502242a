//! The suite's outcome: every problem found, and a summary that says what
//! was checked, in which edition, and how much of it held — no more than
//! that. A check that checked nothing is left out; one that could not tell
//! says so.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use super::cases::{Case, Pass};
use super::programs::{Origin, Program};

/// The case whose broken copies prove that the claims check can fail.
pub const MUTATED_CASE: &str = "await_outside_async/sync_main";

/// The test twin whose broken copies prove that the pass check compiles and
/// runs the tests of a test file.
pub const MUTATED_TEST: &str = "twin_test_with_parameters";

/// The program whose broken `trace` variants prove that the trace check
/// compares diagnostics and runs, and leaves out only trace's reports.
pub const MUTATED_TRACED: &str = "twin_sync_main";

/// What the checks found in one edition.
#[derive(Default, Clone)]
pub struct Tally {
    pub cases: usize,
    pub claimed: usize,
    pub diagnostics: usize,
    pub parity_cases: usize,
    pub parity_held: usize,
    pub helper_parity: usize,
    pub lessons: usize,
    pub lessons_explained: usize,
    pub mutants: usize,
    pub mutants_caught: usize,
    pub test_mutants: usize,
    pub test_mutants_caught: usize,
    pub trace_mutants: usize,
    pub trace_mutants_caught: usize,
    /// Programs that must compile cleanly and run, by origin: pass cases,
    /// examples, README programs.
    pub programs: [usize; 3],
    /// Of those, the ones that did.
    pub programs_held: [usize; 3],
    pub ran_as_programs: usize,
    pub ran_as_tests: usize,
    pub tests_passed: usize,
    /// Programs with a lazy-main attribute, built again with `trace` and
    /// `trace = "verbose"`; those that gave the same; and those with no
    /// attribute to trace.
    pub traced: usize,
    pub traced_held: usize,
    pub untraceable: usize,
    /// Of the traced programs, those whose runs were compared.
    pub traced_runs: usize,
}

/// What the checks found, gathered as they run.
#[derive(Default)]
pub struct Report {
    pub failures: Vec<String>,
    /// Each edition's tally, in the order they ran.
    pub editions: Vec<(&'static str, Tally)>,
    /// Cases compiled in one edition only (their `// edition:` line), and which.
    pub edition_only: Vec<(String, &'static str)>,
    /// Cases not run on this rustc (their `// before rustc:` line), and from which minor version.
    pub not_on_this_rustc: Vec<(String, u32)>,
    /// The edition whose build the snapshots are compared with.
    pub wording_edition: &'static str,
    pub verbatim: usize,
    pub reworded: Vec<String>,
    pub exact: Option<usize>,
    /// For each fix shared by cases that ran: which.
    pub shared_fixes: Vec<String>,
    /// The README's ```` ```rust ```` blocks that are not complete programs.
    pub readme_fragments: Vec<usize>,
    pub readme: Option<String>,
}

fn origin_index(origin: Origin) -> usize {
    match origin {
        Origin::Pass => 0,
        Origin::Example => 1,
        Origin::Readme => 2,
    }
}

impl Report {
    /// The tally of `edition`, started if it is new.
    pub fn tally(&mut self, edition: &'static str) -> &mut Tally {
        if !self.editions.iter().any(|(e, _)| *e == edition) {
            self.editions.push((edition, Tally::default()));
        }
        &mut self
            .editions
            .iter_mut()
            .find(|(e, _)| *e == edition)
            .expect("just added")
            .1
    }

    /// Which of the pass cases fix several of the cases.
    pub fn shared_fixes(&mut self, passes: &[&Pass], cases: &[&Case]) {
        for pass in passes {
            let of: Vec<&str> = pass
                .twin_of
                .iter()
                .filter(|id| cases.iter().any(|case| &case.id == *id))
                .map(String::as_str)
                .collect();
            if of.len() > 1 {
                self.shared_fixes.push(format!(
                    "({} is the fix of {} cases: {})",
                    pass.name,
                    of.len(),
                    of.join(" and ")
                ));
            }
        }
    }

    /// A program compiled cleanly and ran (`Ok`, with the tests that passed
    /// for a test file), or did not.
    pub fn program(
        &mut self,
        edition: &'static str,
        program: &Program,
        result: Result<Option<usize>, Vec<String>>,
    ) {
        let index = origin_index(program.origin);
        self.tally(edition).programs[index] += 1;
        match result {
            Ok(tests) => {
                let tally = self.tally(edition);
                tally.programs_held[index] += 1;
                match tests {
                    Some(passed) => {
                        tally.ran_as_tests += 1;
                        tally.tests_passed += passed;
                    }
                    None => tally.ran_as_programs += 1,
                }
            }
            Err(problems) => {
                self.fail(
                    edition,
                    &program.path,
                    &format!(
                        "{}must compile cleanly and run{}",
                        if program.origin == Origin::Readme {
                            format!("the block at {} ", program.id)
                        } else {
                            String::new()
                        },
                        if program.test { " its tests" } else { "" }
                    ),
                    &problems,
                );
            }
        }
    }

    pub fn claims(&mut self, edition: &'static str, case: &Case, problems: &[String]) {
        let held = self.fail(
            edition,
            &case.path,
            "the diagnostics differ from the claims",
            problems,
        );
        let tally = self.tally(edition);
        tally.cases += 1;
        tally.diagnostics += case.claims.len();
        tally.claimed += usize::from(held);
    }

    /// A lesson that needs notes on how to read it: whether it has them.
    pub fn lesson(&mut self, edition: &'static str, case: &Case, problems: &[String]) {
        let what = "its lesson must say how to read what rustc shows";
        let held = self.fail(edition, &case.path, what, problems);
        let tally = self.tally(edition);
        tally.lessons += 1;
        tally.lessons_explained += usize::from(held);
    }

    pub fn parity(
        &mut self,
        edition: &'static str,
        case: &Case,
        helper: bool,
        problems: &[String],
    ) {
        let what = "an attributed body must be diagnosed as a plain async fn";
        let held = self.fail(edition, &case.path, what, problems);
        let tally = self.tally(edition);
        tally.parity_cases += 1;
        tally.parity_held += usize::from(held);
        tally.helper_parity += usize::from(helper);
    }

    /// A program built again with trace: whether it gave the same.
    pub fn traced(
        &mut self,
        edition: &'static str,
        program: &Program,
        runs_compared: bool,
        problems: &[String],
    ) {
        let what = format!(
            "{}must give the same diagnostics and output with `trace` and `trace = \"verbose\"` as without",
            if program.origin == Origin::Readme {
                format!("the block at {} ", program.id)
            } else {
                String::new()
            }
        );
        let held = self.fail(edition, &program.path, &what, problems);
        let tally = self.tally(edition);
        tally.traced += 1;
        tally.traced_held += usize::from(held);
        tally.traced_runs += usize::from(runs_compared);
    }

    /// Records problems with a file in an edition, if any; whether there were none.
    pub fn fail(
        &mut self,
        edition: &'static str,
        path: &Path,
        what: &str,
        problems: &[String],
    ) -> bool {
        if !problems.is_empty() {
            self.failures.push(format!(
                "edition {edition}: {}: {what}:\n    {}",
                path.display(),
                problems.join("\n").replace('\n', "\n    ")
            ));
        }
        problems.is_empty()
    }

    /// What was checked, in which edition, and how much of it held.
    pub fn summary(&self, version: &str, blessed: bool) -> String {
        let mut out = String::new();
        let editions: Vec<&str> = self.editions.iter().map(|(edition, _)| *edition).collect();
        let _ = writeln!(
            out,
            "\nui summary on {version}, in edition{} {}:",
            if editions.len() == 1 { "" } else { "s" },
            editions.join(" and ")
        );
        for (edition, tally) in &self.editions {
            let _ = writeln!(out, "  edition {edition}:");
            tally.summary(&mut out);
        }
        let only: Vec<String> = self
            .edition_only
            .iter()
            .map(|(id, edition)| format!("{id} ({edition})"))
            .collect();
        if !only.is_empty() {
            let _ = writeln!(
                out,
                "  one edition only, as their `// edition:` line says: {}",
                only.join(", ")
            );
        }
        let before: Vec<String> = self
            .not_on_this_rustc
            .iter()
            .map(|(id, minor)| format!("{id} (its claims hold before rustc 1.{minor})"))
            .collect();
        if !before.is_empty() {
            let _ = writeln!(
                out,
                "  not checked on this rustc, as their `// before rustc:` line says: {}",
                before.join(", ")
            );
        }
        let wording = if blessed {
            format!(
                "{} verbatim; {}",
                self.verbatim,
                self.exact.map_or_else(
                    || "trybuild's exact comparison: not known: trybuild failed".to_owned(),
                    |exact| format!("trybuild compared {exact} snapshots exactly")
                )
            )
        } else {
            format!(
                "{} verbatim, {} worded differently{} (information only: the snapshots are rustc {}'s and are not compared exactly here)",
                self.verbatim,
                self.reworded.len(),
                if self.reworded.is_empty() {
                    String::new()
                } else {
                    format!(": {}", self.reworded.join(", "))
                },
                super::BLESSED
            )
        };
        if self.editions.iter().any(|(_, tally)| tally.cases > 0) {
            let _ = writeln!(
                out,
                "  wording (edition {}, the snapshots'): {wording}",
                self.wording_edition
            );
        }
        for shared in &self.shared_fixes {
            let _ = writeln!(out, "  {shared}");
        }
        if !self.readme_fragments.is_empty() {
            let lines: Vec<String> = self
                .readme_fragments
                .iter()
                .map(|line| format!("README.md:{line}"))
                .collect();
            let _ = writeln!(
                out,
                "  not compiled: the README's rust blocks at {} are fragments, not programs",
                lines.join(", ")
            );
        }
        if let Some(readme) = &self.readme {
            let _ = writeln!(out, "  readme:   {readme}");
        }
        out
    }

    pub fn finish(&self) -> ExitCode {
        if self.failures.is_empty() {
            println!("ui: ok");
            return ExitCode::SUCCESS;
        }
        eprintln!("\nui: {} problem(s):", self.failures.len());
        for failure in &self.failures {
            eprintln!("\n- {failure}");
        }
        ExitCode::FAILURE
    }
}

impl Tally {
    fn summary(&self, out: &mut String) {
        if self.cases > 0 {
            let _ = writeln!(
                out,
                "    claims:   {} of {} cases give exactly the diagnostics they claim ({} diagnostics claimed)",
                self.claimed, self.cases, self.diagnostics
            );
        }
        if self.parity_cases > 0 {
            let _ = writeln!(
                out,
                "    parity:   {} of {} attributed bodies are diagnosed as a plain async fn (level, code, message, primary span, labels, notes and helps), with the attribute, with `trace` and with `trace = \"verbose\"` ({} also as a helper; as rustc words an `async move` block, and an operand `trace` wraps, where they differ: tests/teaching/parity.rs)",
                self.parity_held, self.parity_cases, self.helper_parity
            );
        }
        if self.lessons > 0 {
            let _ = writeln!(
                out,
                "    lessons:  {} of {} cases whose diagnostics show lazy-main's source or a help that is not Rust say how to read them",
                self.lessons_explained, self.lessons
            );
        }
        if self.mutants > 0 {
            let _ = writeln!(
                out,
                "    self-check: {} of {} broken copies of {MUTATED_CASE} fail the claims check",
                self.mutants_caught, self.mutants
            );
        }
        if self.test_mutants > 0 {
            let _ = writeln!(
                out,
                "    self-check: {} of {} broken copies of {MUTATED_TEST} (a type error, a failing assertion) fail the pass check",
                self.test_mutants_caught, self.test_mutants
            );
        }
        if self.trace_mutants > 0 {
            let _ = writeln!(
                out,
                "    self-check: {} of {} broken `trace` variants of {MUTATED_TRACED} judged right (a planted print, line on stderr and warning reported; a planted `lazy_main:` line not)",
                self.trace_mutants_caught, self.trace_mutants
            );
        }
        let kinds = ["pass cases", "examples", "README programs"];
        let held: Vec<String> = kinds
            .iter()
            .enumerate()
            .filter(|(index, _)| self.programs[*index] > 0)
            .map(|(index, kind)| {
                let fixes = if index == 0 && self.cases > 0 {
                    format!(" (the fixes of the {} cases)", self.cases)
                } else {
                    String::new()
                };
                format!(
                    "{} of {} {kind}{fixes}",
                    self.programs_held[index], self.programs[index]
                )
            })
            .collect();
        if !held.is_empty() {
            let mut ran = Vec::new();
            if self.ran_as_programs > 0 {
                ran.push(format!("{} as programs", self.ran_as_programs));
            }
            if self.ran_as_tests > 0 {
                ran.push(format!(
                    "{} as tests ({} tests passed)",
                    self.ran_as_tests, self.tests_passed
                ));
            }
            let _ = writeln!(
                out,
                "    pass:     {} compiled without warnings and ran{}",
                held.join(", "),
                if ran.is_empty() {
                    String::new()
                } else {
                    format!(": {}", ran.join(", "))
                }
            );
        }
        if self.traced > 0 {
            let _ = writeln!(
                out,
                "    trace:    {} of {} programs with a lazy-main attribute give the same diagnostics with `trace` and with `trace = \"verbose\"` as without, and the {} that ran the same stdout, and stderr but for trace's `lazy_main:` lines{}",
                self.traced_held,
                self.traced,
                self.traced_runs,
                if self.untraceable > 0 {
                    format!(" ({} more have no attribute to trace)", self.untraceable)
                } else {
                    String::new()
                }
            );
        }
    }
}
