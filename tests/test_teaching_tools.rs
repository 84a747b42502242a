//! Unit tests of the teaching suite's machinery (`tests/teaching/`): the
//! `//~` claims, the wording comparison and the line diff. The suite itself
//! is `tests/ui.rs`.

#[allow(dead_code)] // the suite and the learn example each use a part
mod teaching;

use std::path::Path;

use teaching::cases::Suite;
use teaching::claims::{parse, Claim, Level};
use teaching::compiler::Project;
use teaching::lesson;
use teaching::report::Report;
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

/// The summary of a run of the whole suite, with everything held.
fn held() -> Report {
    Report {
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
        verbatim: 3,
        exact: Some(3),
        passes: 3,
        programs_ran: 2,
        test_files_ran: 1,
        tests_passed: 1,
        ..Report::default()
    }
}

#[test]
fn the_summary_says_what_ran() {
    let summary = held().summary("rustc 1.95.0", true);
    for line in [
        "claims:   3 of 3 cases give exactly the diagnostics they claim (4 diagnostics claimed)",
        "parity:   2 of 2 attributed bodies",
        "self-check: 3 of 3 broken copies",
        "self-check: 2 of 2 broken copies",
        "wording:  3 verbatim; trybuild compared 3 snapshots exactly",
        "pass:     3 of 3 pass cases (the fixes of the 3 cases) compiled without warnings and ran: 2 as programs, 1 as tests (1 tests passed)",
    ] {
        assert!(summary.contains(line), "{line:?} not in:\n{summary}");
    }
}

#[test]
fn the_summary_does_not_claim_what_did_not_run() {
    let failed = Report {
        exact: None,
        programs_ran: 1,
        test_files_ran: 0,
        tests_passed: 0,
        ..held()
    };
    let summary = failed.summary("rustc 1.95.0", true);
    assert!(summary.contains("not known: trybuild failed"), "{summary}");
    assert!(!summary.contains("compared 0"), "{summary}");
    assert!(summary.contains("1 of 3 pass cases"), "{summary}");
    assert!(summary.contains("ran: 1 as programs\n"), "{summary}");

    let nothing = Report {
        parity_cases: 0,
        parity_held: 0,
        mutants: 0,
        mutants_caught: 0,
        test_mutants: 0,
        test_mutants_caught: 0,
        ..held()
    };
    let summary = nothing.summary("rustc 1.95.0", true);
    assert!(!summary.contains("parity:"), "{summary}");
    assert!(!summary.contains("self-check:"), "{summary}");
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
    let mut report = Report {
        cases: misuse.len(),
        ..Report::default()
    };
    report.passes(&passes, &misuse);
    let summary = report.summary("rustc 1.95.0", true);
    assert!(
        summary.contains(&format!(
            "0 of {} pass cases (the fixes of the {} cases)",
            passes.len(),
            misuse.len()
        )),
        "{summary}"
    );
    assert!(
        summary.contains("twin_main_and_test is the fix of 2 cases: misuse/main_and_test and misuse/test_and_main"),
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
