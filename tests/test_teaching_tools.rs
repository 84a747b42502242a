//! Unit tests of the teaching suite's machinery (`tests/teaching/`): the
//! `//~` claims, the wording comparison and the line diff. The suite itself
//! is `tests/ui.rs`.

#[allow(dead_code)] // the suite and the learn example each use a part
mod teaching;

use std::path::Path;

use teaching::cases::{editions, Suite};
use teaching::claims::{parse, Claim, Level};
use teaching::compiler::{Child, Diagnostic, Place, Project, Ran, Span};
use teaching::lesson;
use teaching::parity::{behaviour, behaviour_differs, diagnostics_differ, without_durations};
use teaching::programs::{readme_programs, with_trace, Trace};
use teaching::report::{Report, Tally};
use teaching::text::{line_diff, unified, words, Change};

#[test]
fn claims_in_every_form() {
    let source = "fn main() {\n\
                  x.await; //~ ERROR E0728 only allowed\n\
                  //~| WARN unused_must_use\n\
                  y;\n\
                  //~^ ERROR\n\
                  //~? ERROR E0601\n\
                  //~ ERROR the attribute's own words\n\
                  }";
    let claim = |line, level, code: Option<&str>, words: &str, written_on| Claim {
        line,
        level,
        code: code.map(str::to_owned),
        words: words.to_owned(),
        written_on,
    };
    assert_eq!(
        parse(source).unwrap(),
        [
            claim(Some(2), Level::Error, Some("E0728"), "only allowed", 2),
            claim(Some(2), Level::Warning, Some("unused_must_use"), "", 3),
            claim(Some(4), Level::Error, None, "", 5),
            claim(None, Level::Error, Some("E0601"), "", 6),
            claim(Some(7), Level::Error, None, "the attribute's own words", 7),
        ]
    );
}

#[test]
fn badly_written_claims_are_reported() {
    assert!(parse("//~| ERROR").is_err());
    assert!(parse("//~^ ERROR").is_err());
    assert!(parse("x //~ NOTE something").is_err());
}

#[test]
fn a_claim_matches_level_line_code_and_words() {
    let claim = &parse("x //~ ERROR E0728 only allowed").unwrap()[0];
    let message = "`await` is only allowed inside `async` functions and blocks";
    assert!(claim.matches(Level::Error, Some("E0728"), message, Some(1)));
    assert!(!claim.matches(Level::Warning, Some("E0728"), message, Some(1)));
    assert!(!claim.matches(Level::Error, Some("E0728"), message, Some(2)));
    assert!(!claim.matches(Level::Error, Some("E0277"), message, Some(1)));
    assert!(!claim.matches(Level::Error, None, message, Some(1)));
    assert!(!claim.matches(Level::Error, Some("E0728"), "something else", Some(1)));
}

#[test]
fn diff_of_lines() {
    assert_eq!(
        line_diff("a\nb\nc\n", "a\nB\nc\nd\n"),
        [
            Change::Same("a"),
            Change::Removed("b"),
            Change::Added("B"),
            Change::Same("c"),
            Change::Added("d"),
        ]
    );
    assert_eq!(
        unified("1\n2\n3\n4\n5\n6\n", "1\n2\n3\n4\n5\nsix\n", 1, false),
        "   ...\n   5\n-  6\n+  six\n"
    );
}

#[test]
fn words_ignore_layout_only() {
    let case = Path::new("tests/ui/g/c.rs");
    let narrow = "error[E0308]: mismatched types\n --> tests/ui/g/c.rs:4:5\n  |\n4 |     x\n  |     ^ expected\n";
    let wide = "error[E0308]: mismatched types\n   --> tests/ui/g/c.rs:4:5\n    |\n4   |     x\n    |     ^ expected\n\n";
    assert_eq!(words(narrow, case), words(wide, case));
    let moved = narrow.replace("4:5", "5:5");
    assert_ne!(words(narrow, case), words(&moved, case));
    let reworded = narrow.replace("expected", "wanted");
    assert_ne!(words(narrow, case), words(&reworded, case));
    // Locations outside the case lose their line numbers, as in the snapshots.
    assert_eq!(
        words(" --> src/lib.rs:175:12\n", case),
        words(" --> src/lib.rs\n", case)
    );
}

/// The `[[bin]]` names in a project's manifest.
fn bin_names(project: &Project) -> Vec<String> {
    let manifest = project.manifest();
    manifest
        .split("[[bin]]\n")
        .skip(1)
        .filter_map(|target| target.lines().find_map(|line| line.strip_prefix("name = ")))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_program_added_twice_is_built_once() {
    let mut project = Project::new("manifest-test");
    project.add("pass-twin", Path::new("/cases/twin.rs"));
    project.add("case-a", Path::new("/cases/a.rs"));
    project.add("pass-twin", Path::new("/cases/twin.rs"));
    assert_eq!(bin_names(&project), ["\"pass-twin\"", "\"case-a\""]);
}

#[test]
#[should_panic(expected = "added twice")]
fn one_name_for_two_programs_is_refused() {
    let mut project = Project::new("manifest-test");
    project.add("pass-twin", Path::new("/cases/twin.rs"));
    project.add("pass-twin", Path::new("/cases/other.rs"));
}

/// What `cargo run --example learn -- <group or case>` builds: each program
/// once, for every group and every case (a fix shared by two cases of a
/// group was once added twice, and cargo refused the manifest).
#[test]
fn learn_builds_each_program_once_for_every_group_and_case() {
    let suite = Suite::load();
    let mut selections: Vec<String> = suite.cases.iter().map(|case| case.id.clone()).collect();
    for case in &suite.cases {
        if !selections.contains(&case.group) {
            selections.push(case.group.clone());
        }
    }
    let mut shared = 0;
    for selection in &selections {
        let cases = suite.select(std::slice::from_ref(selection));
        assert!(!cases.is_empty(), "{selection} selects nothing");
        let project = lesson::project("learn", cases.iter().copied(), &suite);
        let mut names = bin_names(&project);
        let all = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all, "{selection}: a program added twice");
        let added: usize = cases
            .iter()
            .map(|case| 1 + suite.twins(&case.id).count())
            .sum();
        shared += added - all;
    }
    // The suite has fixes shared by two cases of a group; this test sees them.
    assert!(
        shared > 0,
        "no selection has a shared fix: the test proves nothing"
    );
}

/// An edition's tally of a run of the whole suite, with everything held.
fn held() -> Tally {
    Tally {
        cases: 3,
        claimed: 3,
        diagnostics: 4,
        parity_cases: 2,
        parity_held: 2,
        helper_parity: 1,
        mutants: 3,
        mutants_caught: 3,
        test_mutants: 2,
        test_mutants_caught: 2,
        trace_mutants: 4,
        trace_mutants_caught: 4,
        programs: [3, 1, 2],
        programs_held: [3, 1, 2],
        ran_as_programs: 5,
        ran_as_tests: 1,
        tests_passed: 2,
        traced: 4,
        traced_held: 4,
        traced_runs: 4,
        untraceable: 2,
        ..Tally::default()
    }
}

/// A report of both editions, each with `tally`.
fn report(tally: &Tally, exact: Option<usize>) -> Report {
    Report {
        editions: vec![("2021", tally.clone()), ("2024", tally.clone())],
        wording_edition: "2021",
        verbatim: 3,
        exact,
        ..Report::default()
    }
}

#[test]
fn the_summary_says_what_ran_in_each_edition() {
    let summary = report(&held(), Some(3)).summary("rustc 1.95.0", true);
    assert!(
        summary.contains("ui summary on rustc 1.95.0, in editions 2021 and 2024:"),
        "{summary}"
    );
    for edition in ["2021", "2024"] {
        assert!(
            summary.contains(&format!("\n  edition {edition}:\n")),
            "{summary}"
        );
    }
    for line in [
        "claims:   3 of 3 cases give exactly the diagnostics they claim (4 diagnostics claimed)",
        "parity:   2 of 2 attributed bodies",
        "self-check: 3 of 3 broken copies",
        "self-check: 2 of 2 broken copies",
        "self-check: 4 of 4 broken `trace` variants",
        "pass:     3 of 3 pass cases (the fixes of the 3 cases), 1 of 1 examples, 2 of 2 README programs compiled without warnings and ran: 5 as programs, 1 as tests (2 tests passed)",
        "trace:    4 of 4 programs with a lazy-main attribute",
        "(2 more have no attribute to trace)",
        "wording (edition 2021, the snapshots'): 3 verbatim; trybuild compared 3 snapshots exactly",
    ] {
        assert_eq!(summary.matches(line).count(), if line.starts_with("wording") { 1 } else { 2 }, "{line:?} in:\n{summary}");
    }
}

#[test]
fn the_summary_does_not_claim_what_did_not_run() {
    let failed = Tally {
        programs_held: [1, 1, 2],
        ran_as_programs: 4,
        ran_as_tests: 0,
        tests_passed: 0,
        ..held()
    };
    let summary = report(&failed, None).summary("rustc 1.95.0", true);
    assert!(summary.contains("not known: trybuild failed"), "{summary}");
    assert!(!summary.contains("compared 0"), "{summary}");
    assert!(summary.contains("1 of 3 pass cases"), "{summary}");
    assert!(summary.contains("ran: 4 as programs\n"), "{summary}");

    let nothing = Tally {
        parity_cases: 0,
        parity_held: 0,
        mutants: 0,
        mutants_caught: 0,
        test_mutants: 0,
        test_mutants_caught: 0,
        trace_mutants: 0,
        trace_mutants_caught: 0,
        traced: 0,
        ..held()
    };
    let summary = report(&nothing, Some(3)).summary("rustc 1.95.0", true);
    assert!(!summary.contains("parity:"), "{summary}");
    assert!(!summary.contains("self-check:"), "{summary}");
    assert!(!summary.contains("trace:"), "{summary}");
}

#[test]
fn the_summary_names_a_fix_shared_by_two_cases() {
    let suite = Suite::load();
    let misuse = suite.select(&["misuse".to_owned()]);
    let passes = suite.passes_for(&misuse);
    assert!(
        passes.len() < misuse.len(),
        "no shared fix in misuse any more"
    );
    let mut report = Report::default();
    report.shared_fixes(&passes, &misuse);
    let summary = report.summary("rustc 1.95.0", true);
    assert!(
        summary.contains("twin_main_and_test is the fix of 2 cases: misuse/main_and_test and misuse/test_and_main"),
        "{summary}"
    );
}

#[test]
fn the_summary_names_the_cases_of_one_edition() {
    let mut report = report(&held(), Some(3));
    report.edition_only = vec![("g/only_new".to_owned(), "2024")];
    let summary = report.summary("rustc 1.95.0", true);
    assert!(
        summary.contains("one edition only, as their `// edition:` line says: g/only_new (2024)"),
        "{summary}"
    );
}

#[test]
fn a_filter_that_matches_nothing_is_reported() {
    let suite = Suite::load();
    let filters = [
        "misuse".to_owned(),
        "nosuchthing".to_owned(),
        "sync_main".to_owned(),
    ];
    assert_eq!(suite.unmatched(&filters), [&filters[1]]);
}

/// Editing a `//~` claim changes the line its `.stderr` snapshot quotes:
/// CONTRIBUTING must say to re-bless then, not that claims need no blessing.
#[test]
fn contributing_says_to_rebless_after_editing_a_claim() {
    let contributing = include_str!("../CONTRIBUTING.md").replace("\n  ", " ");
    let claims = contributing
        .split("The claims written in the cases")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("CONTRIBUTING describes the claims");
    assert!(claims.contains("re-bless"), "{claims}");
    assert!(claims.contains("`.stderr`"), "{claims}");
    assert!(!claims.contains("not blessed"), "{claims}");
}

#[test]
fn a_misspelt_name_gets_the_nearest_known_names() {
    let suite = Suite::load();
    assert_eq!(suite.did_you_mean("coloring"), ["colouring"]);
    assert_eq!(suite.did_you_mean("sync_mian")[0], "sync_main");
    assert_eq!(suite.did_you_mean("misuse/on_strcut"), ["misuse/on_struct"]);
    assert!(suite.did_you_mean("nosuchthing").is_empty());
    let said = lesson::no_match(&suite, &["coloring".to_owned(), "misuse".to_owned()]);
    assert!(said.contains("did you mean `colouring`?"), "{said}");
    assert!(!said.contains("`misuse`"), "{said}");
}

#[test]
fn learn_without_a_name_lists_every_case_by_group() {
    let suite = Suite::load();
    let listing = lesson::listing(&suite);
    let first = listing.lines().next().unwrap_or_default();
    assert!(
        first.contains("every case, by group — pass a name or a group"),
        "{first}"
    );
    for case in &suite.cases {
        let name = case.id.rsplit('/').next().unwrap_or_default();
        assert!(
            listing.contains(&format!("\n  {name} ")),
            "{name} not listed"
        );
    }
    assert!(listing.contains("\ncolouring/\n"), "{listing}");
}

#[test]
fn trace_is_added_to_every_lazy_main_attribute_mechanically() {
    let source = "//! `#[lazy_main::main]` in a comment stays\n\
                  #[lazy_main::main]\n\
                  async fn main() {}\n\
                  \x20   #[lazy_main::main(crate = \"lazy_main\", block_on = run)] // kept\n\
                  #[lazy_main::test(trace = \"summary\",)]\n\
                  #[lazy_main]\n";
    let on = with_trace(source, Trace::On).unwrap().unwrap();
    assert_eq!(
        on,
        "//! `#[lazy_main::main]` in a comment stays\n\
         #[lazy_main::main(trace)]\n\
         async fn main() {}\n\
         \x20   #[lazy_main::main(crate = \"lazy_main\", block_on = run, trace)] // kept\n\
         #[lazy_main::test(trace)]\n\
         #[lazy_main(trace)]\n"
    );
    let verbose = with_trace(source, Trace::Verbose).unwrap().unwrap();
    assert!(
        verbose.contains("#[lazy_main::main(trace = \"verbose\")]\n"),
        "{verbose}"
    );
    assert!(
        verbose.contains("#[lazy_main::test(trace = \"verbose\")]\n"),
        "{verbose}"
    );
    let off = with_trace(source, Trace::Off).unwrap().unwrap();
    assert!(off.contains("\n#[lazy_main::test]\n"), "{off}");
    assert!(off.contains("\n#[lazy_main::main]\n"), "{off}");
    // Every other line stays, and so the lines of every diagnostic.
    assert_eq!(on.lines().count(), source.lines().count());
    assert_eq!(with_trace("fn main() {}\n", Trace::On), Ok(None));
    assert!(with_trace("#[lazy_main::main(crate = \"x\",\n)]\n", Trace::On).is_err());
}

#[test]
fn the_readme_programs_are_its_complete_rust_blocks() {
    let readme = "# x\n\
                  ```rust\n#[lazy_main::main]\nasync fn main() {}\n```\n\
                  ```rust,ignore\nfn main() {}\n```\n\
                  ```rust\n#[cfg(test)]\nmod tests {\n    #[lazy_main::test]\n    async fn t() {}\n}\n```\n\
                  ```rust\npub fn answer() -> u32 { 42 }\n```\n";
    let (programs, fragments) = readme_programs(readme);
    let ids: Vec<(&str, bool)> = programs.iter().map(|p| (p.id.as_str(), p.test)).collect();
    assert_eq!(ids, [("README.md:2", false), ("README.md:9", true)]);
    assert_eq!(
        programs[0].source,
        "#[lazy_main::main]\nasync fn main() {}\n"
    );
    assert_eq!(fragments, [16]);
    // And the README itself has programs of both kinds.
    let (programs, _) = readme_programs(include_str!("../README.md"));
    assert!(programs.iter().any(|p| p.test) && programs.iter().any(|p| !p.test));
}

#[test]
fn an_edition_line_names_the_one_edition_of_a_case() {
    assert_eq!(
        editions("// Teaches.\nfn main() {}\n"),
        Ok(vec!["2021", "2024"])
    );
    assert_eq!(
        editions("// Teaches.\n// edition: 2024\nfn main() {}\n"),
        Ok(vec!["2024"])
    );
    assert!(editions("// edition: 2018\n").is_err());
    assert!(editions("// edition: 2021\n// edition: 2024\n").is_err());
    // Only among the first comment lines.
    assert_eq!(
        editions("fn main() {}\n// edition: 2024\n"),
        Ok(vec!["2021", "2024"])
    );
}

#[test]
fn durations_read_the_same_and_nothing_else_does() {
    assert_eq!(
        without_durations("done after 304 ms; finished in 0.00s; 1.5 µs, 12ns"),
        "done after <duration>; finished in <duration>; <duration>, <duration>"
    );
    for kept in ["3 polls", "2 tests", "v1.2", "5 seconds", "x2s", "42"] {
        assert_eq!(without_durations(kept), kept);
    }
}

fn diagnostic(message: &str, spans: Vec<Span>, children: Vec<Child>) -> Diagnostic {
    Diagnostic {
        level: Level::Error,
        code: Some("E0308".to_owned()),
        message: message.to_owned(),
        line: Some(5),
        column: Some(18),
        spans,
        children,
        rendered: String::new(),
    }
}

fn span(place: Place, label: &str) -> Span {
    Span {
        place,
        primary: true,
        label: Some(label.to_owned()),
        replacement: None,
        width: Some(1),
    }
}

#[test]
fn parity_compares_labels_notes_and_places() {
    let here = |line, column| Place::Here { line, column };
    let std = |line| Place::Elsewhere {
        file: "/rustc/library/core/src/future.rs".to_owned(),
        line,
    };
    let note = |place| Child {
        level: "note".to_owned(),
        message: "required by a bound".to_owned(),
        spans: vec![span(place, "required here")],
    };
    let plain = diagnostic(
        "mismatched types at {async block@/tmp/plain.rs:4:5}",
        vec![span(here(5, 18), "expected `u32`")],
        vec![note(std(10))],
    );
    let file = |name: &str| vec![name.to_owned()];
    let same = |other: &Diagnostic, other_file: &str| {
        diagnostics_differ(
            (
                "plain",
                std::slice::from_ref(&plain),
                &file("/tmp/plain.rs"),
            ),
            ("other", std::slice::from_ref(other), &file(other_file)),
        )
    };
    // The same, in another file, pointing elsewhere at another line of std.
    let moved_in_std = diagnostic(
        "mismatched types at {async block@/tmp/other.rs:4:5}",
        vec![span(here(5, 18), "expected `u32`")],
        vec![note(std(99))],
    );
    assert_eq!(same(&moved_in_std, "/tmp/other.rs"), None);
    // Each of these differs, and the diff says where.
    let label = diagnostic(
        "mismatched types at {async block@/tmp/other.rs:4:5}",
        vec![span(here(5, 18), "expected `u8`")],
        vec![note(std(10))],
    );
    let diff = same(&label, "/tmp/other.rs").expect("a label differs");
    assert!(
        diff.contains("-    label at 5:18 (primary): expected `u32`"),
        "{diff}"
    );
    assert!(
        diff.contains("+    label at 5:18 (primary): expected `u8`"),
        "{diff}"
    );
    let column = diagnostic(
        "mismatched types at {async block@/tmp/other.rs:4:5}",
        vec![span(here(5, 19), "expected `u32`")],
        vec![note(std(10))],
    );
    assert!(same(&column, "/tmp/other.rs").is_some());
    let note_here = diagnostic(
        "mismatched types at {async block@/tmp/other.rs:4:5}",
        vec![span(here(5, 18), "expected `u32`")],
        vec![note(here(1, 1))],
    );
    let diff = same(&note_here, "/tmp/other.rs").expect("a note's place differs");
    assert!(diff.contains("+      at 1:1 (primary)"), "{diff}");
    assert!(same(&moved_in_std, "/tmp/elsewhere.rs").is_some());
    let nothing: [Diagnostic; 0] = [];
    let diff = diagnostics_differ(
        ("plain", std::slice::from_ref(&plain), &[]),
        ("other", &nothing, &[]),
    )
    .expect("one is missing");
    assert!(diff.contains("-  error[E0308]: mismatched types"), "{diff}");
    assert!(
        !diff.lines().skip(1).any(|line| line.starts_with('+')),
        "{diff}"
    );
}

#[test]
fn a_run_is_compared_without_trace_reports_durations_or_its_file_name() {
    let ran = |stdout: &str, stderr: &str| Ran {
        success: true,
        status: "exit status: 0".to_owned(),
        stdout: stdout.to_owned(),
        stderr: stderr.to_owned(),
        tests_passed: None,
    };
    let plain = behaviour(
        &ran("took 3 ms\n", "warn at /d/a.rs:3\n"),
        &["/d/a.rs".to_owned()],
    );
    let traced = behaviour(
        &ran(
            "took 4 ms\n",
            "lazy_main: `main` poll 1: ready in 0.1 ms\nwarn at /d/b.rs:3\n",
        ),
        &["/d/b.rs".to_owned()],
    );
    assert_eq!(plain, traced);
    let other = behaviour(&ran("took 4 ms\n", "warn at /d/b.rs:3\n"), &[]);
    assert!(behaviour_differs(("a", &plain), ("b", &other)).is_some());
    let printed = behaviour(
        &ran("took 3 ms\nmore\n", "warn at /d/a.rs:3\n"),
        &["/d/a.rs".to_owned()],
    );
    let diff = behaviour_differs(("a", &plain), ("b", &printed)).expect("stdout differs");
    assert!(diff.contains("+  stdout: more"), "{diff}");
}

#[test]
fn a_summary_of_programs_alone_has_no_wording_line() {
    let programs_only = Tally {
        cases: 0,
        claimed: 0,
        diagnostics: 0,
        parity_cases: 0,
        lessons: 0,
        mutants: 0,
        test_mutants: 0,
        trace_mutants: 0,
        untraceable: 0,
        ..held()
    };
    let summary = report(&programs_only, Some(0)).summary("rustc 1.95.0", true);
    assert!(!summary.contains("wording"), "{summary}");
    assert!(!summary.contains("claims:"), "{summary}");
    assert!(!summary.contains("no attribute to trace"), "{summary}");
    assert!(summary.contains("trace:    4 of 4 programs"), "{summary}");
}

/// When cargo refuses the project itself, no program is to blame: the
/// message says so, with cargo's own words, and names no case.
#[test]
fn a_project_cargo_refuses_is_reported_as_such() {
    let mut project = Project::new("refused-test");
    project.add("case-a", Path::new("/nonexistent/a.rs"));
    project.add("case-b", Path::new("/nonexistent/b.rs"));
    let error = project
        .check(false)
        .err()
        .expect("cargo cannot build sources that do not exist");
    let _ = std::fs::remove_dir_all(project.dir());
    assert!(
        error.contains("failed before it compiled any of its 2 programs"),
        "{error}"
    );
    assert!(!error.contains("gave no result for"), "{error}");
    assert!(error.contains("/nonexistent/"), "cargo's words: {error}");
}
