//! The suite's outcome: every problem found, and a summary that says what
//! was checked and how much of it held — no more than that.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::cases::{Case, Pass};

/// The case whose broken copies prove that the claims check can fail.
pub const MUTATED_CASE: &str = "await_outside_async/sync_main";

/// The test twin whose broken copies prove that the pass check compiles and
/// runs the tests of a test file.
pub const MUTATED_TEST: &str = "twin_test_with_parameters";

/// What the checks found, gathered as they run.
#[derive(Default)]
pub struct Report {
    pub failures: Vec<String>,
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
    pub verbatim: usize,
    pub reworded: Vec<String>,
    pub exact: Option<usize>,
    pub passes: usize,
    /// For each fix shared by cases that ran: which.
    pub shared_fixes: Vec<String>,
    pub programs_ran: usize,
    pub test_files_ran: usize,
    pub tests_passed: usize,
    pub readme: Option<String>,
}

impl Report {
    /// The pass cases to run, and which of them fix several of the cases.
    pub fn passes(&mut self, passes: &[&Pass], cases: &[&Case]) {
        self.passes = passes.len();
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

    /// A pass case ran: a program, or a test file whose tests passed.
    pub fn ran(&mut self, tests: Option<usize>) {
        match tests {
            Some(passed) => {
                self.test_files_ran += 1;
                self.tests_passed += passed;
            }
            None => self.programs_ran += 1,
        }
    }

    pub fn claims(&mut self, case: &Case, problems: &[String]) {
        self.cases += 1;
        self.diagnostics += case.claims.len();
        self.claimed +=
            usize::from(self.fail_with(case, "the diagnostics differ from the claims", problems));
    }

    /// A lesson that needs notes on how to read it: whether it has them.
    pub fn lesson(&mut self, case: &Case, problems: &[String]) {
        self.lessons += 1;
        let what = "its lesson must say how to read what rustc shows";
        self.lessons_explained += usize::from(self.fail_with(case, what, problems));
    }

    pub fn parity(&mut self, case: &Case, problems: &[String]) {
        self.parity_cases += 1;
        let what = "an attributed body must be diagnosed as a plain async fn";
        self.parity_held += usize::from(self.fail_with(case, what, problems));
    }

    /// Records the problems of a case, if any; whether there were none.
    fn fail_with(&mut self, case: &Case, what: &str, problems: &[String]) -> bool {
        if !problems.is_empty() {
            self.failures.push(format!(
                "{}: {what}:\n    {}",
                case.path.display(),
                problems.join("\n    ")
            ));
        }
        problems.is_empty()
    }

    /// What was checked, and how much of it held; a check that checked
    /// nothing is left out, and one that could not tell says so.
    pub fn summary(&self, version: &str, blessed: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "\nui summary on {version}:");
        let _ = writeln!(
                out,
            "  claims:   {} of {} cases give exactly the diagnostics they claim ({} diagnostics claimed)",
            self.claimed, self.cases, self.diagnostics
        );
        if self.parity_cases > 0 {
            let _ = writeln!(
                out,
                "  parity:   {} of {} attributed bodies are diagnosed as a plain async fn, with and without trace ({} also as a helper)",
                self.parity_held, self.parity_cases, self.helper_parity
            );
        }
        if self.lessons > 0 {
            let _ = writeln!(
                out,
                "  lessons:  {} of {} cases whose diagnostics show lazy-main's source or a help that is not Rust say how to read them",
                self.lessons_explained, self.lessons
            );
        }
        if self.mutants > 0 {
            let _ = writeln!(
                out,
                "  self-check: {} of {} broken copies of {MUTATED_CASE} fail the claims check",
                self.mutants_caught, self.mutants
            );
        }
        if self.test_mutants > 0 {
            let _ = writeln!(
                out,
                "  self-check: {} of {} broken copies of {MUTATED_TEST} (a type error, a failing assertion) fail the pass check",
                self.test_mutants_caught, self.test_mutants
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
        let _ = writeln!(out, "  wording:  {wording}");
        if self.passes > 0 {
            let mut ran = Vec::new();
            if self.programs_ran > 0 {
                ran.push(format!("{} as programs", self.programs_ran));
            }
            if self.test_files_ran > 0 {
                ran.push(format!(
                    "{} as tests ({} tests passed)",
                    self.test_files_ran, self.tests_passed
                ));
            }
            let _ = writeln!(
                out,
                "  pass:     {} of {} pass cases (the fixes of the {} cases) compiled without warnings and ran{}",
                self.programs_ran + self.test_files_ran,
                self.passes,
                self.cases,
                if ran.is_empty() {
                    String::new()
                } else {
                    format!(": {}", ran.join(", "))
                }
            );
            for shared in &self.shared_fixes {
                let _ = writeln!(out, "            {shared}");
            }
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
