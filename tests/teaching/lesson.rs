//! One case as a lesson: what it teaches, the broken code, what the
//! compiler says about it now, and each fix as a diff, run.

use std::fmt::Write as _;
use std::path::Path;

use super::cases::{Case, Suite};
use super::compiler::{self, Checked, Project};
use super::text;

/// What `learn` without an argument prints: every case, by group, with what
/// it teaches.
pub fn listing(suite: &Suite) -> String {
    let mut out = String::from(
        "Learn from the errors: every case, by group — pass a name or a group:\n  \
         cargo run --example learn -- <name or group>   (e.g. `sync_main`, `colouring`)\n\n",
    );
    let mut group = "";
    for case in &suite.cases {
        if case.group != group {
            group = &case.group;
            let _ = writeln!(out, "{group}/");
        }
        let name = case.id.rsplit('/').next().unwrap_or_default();
        let _ = writeln!(out, "  {name:<30} {}", case.teaches());
    }
    out
}

/// What to say when `filters` select no case: which of them, and the known
/// names nearest to each.
pub fn no_match(suite: &Suite, filters: &[String]) -> String {
    let mut out = String::new();
    for filter in suite.unmatched(filters) {
        let _ = write!(out, "no case or group is called `{filter}`");
        match &suite.did_you_mean(filter)[..] {
            [] => {}
            [one] => {
                let _ = write!(out, "; did you mean `{one}`?");
            }
            several => {
                let quoted: Vec<String> = several.iter().map(|name| format!("`{name}`")).collect();
                let _ = write!(out, "; did you mean one of {}?", quoted.join(", "));
            }
        }
        out.push('\n');
    }
    out + "`cargo run --example learn` lists every case, by group"
}

/// The project `name` that builds what the lessons of `cases` show: each
/// case and each of its fixes, a fix shared by several cases once.
pub fn project<'a>(
    name: &str,
    cases: impl IntoIterator<Item = &'a Case>,
    suite: &Suite,
) -> Project {
    let root = super::root();
    let mut project = Project::new(name);
    for case in cases {
        project.add(&case.bin(), &root.join(&case.path));
        for twin in suite.twins(&case.id) {
            twin.add_to(&mut project);
        }
    }
    project
}

/// The lesson of `case`, from a `build` of it and its twins; and whether
/// everything went as the case says (it failed, each fix compiled and ran).
pub fn lesson(
    case: &Case,
    suite: &Suite,
    built: &Checked,
    version: &str,
    paint: bool,
) -> (String, bool) {
    let heading = |text: &str| {
        if paint {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let mut out = String::new();
    let mut as_expected = true;
    let _ = writeln!(out, "{}", heading(&format!("━━ {} ━━", case.id)));
    let _ = writeln!(out, "{}\n", case.teaches());
    let _ = writeln!(
        out,
        "{}",
        heading(&format!("The code ({}):", case.path.display()))
    );
    for (number, line) in case.source.lines().enumerate() {
        let _ = writeln!(out, "{:>3} | {line}", number + 1);
    }
    let _ = writeln!(
        out,
        "\n{}",
        heading(&format!("What {version} says about it now:"))
    );
    let none = Vec::new();
    if built.compiled.contains(&case.bin()) {
        let _ = writeln!(out, "It compiled: this compiler does not reject it.\n");
        as_expected = false;
    }
    let prefix = format!("{}/", super::root().display());
    for diagnostic in built.diagnostics.get(&case.bin()).unwrap_or(&none) {
        let _ = writeln!(
            out,
            "{}\n",
            diagnostic.rendered.replace(&prefix, "").trim_end()
        );
    }
    let notes = super::reading::notes(
        case,
        suite,
        built.diagnostics.get(&case.bin()).unwrap_or(&none),
    );
    if !notes.is_empty() {
        let _ = writeln!(out, "{}", heading("How to read it:"));
        for note in notes {
            let _ = writeln!(out, "{}\n", text::wrapped(&note, "  - ", "    ", 78));
        }
    }
    let claims: Vec<String> = case.claims.iter().map(ToString::to_string).collect();
    let _ = writeln!(
        out,
        "(The case claims {}; `cargo test --test ui` checks that on every toolchain.)\n",
        claims.join(", ")
    );
    let broken = without_claims(&case.source);
    for twin in suite.twins(&case.id) {
        let _ = writeln!(
            out,
            "{}",
            heading(&format!(
                "The fix ({}): {}",
                twin.path.display(),
                twin.explains()
            ))
        );
        // The first lines say what each file is; the heading has said it.
        let fixed = twin.source.split_once('\n').map_or("", |(_, rest)| rest);
        out += &text::unified(&broken, fixed, 3, paint);
        if let Some(executable) = built.executables.get(&twin.bin()) {
            let what = if twin.is_test() {
                format!("Running the tests of {}:", twin.name)
            } else {
                format!("Running {}:", twin.name)
            };
            let _ = writeln!(out, "\n{}", heading(&what));
            as_expected &= run(executable, twin.is_test(), &mut out);
        } else {
            let _ = writeln!(out, "\nThe fix did not compile here:");
            for diagnostic in built.diagnostics.get(&twin.bin()).unwrap_or(&none) {
                let rendered = diagnostic.rendered.replace(&prefix, "");
                let _ = writeln!(out, "{}", rendered.trim_end());
            }
            as_expected = false;
        }
        out.push('\n');
    }
    (out, as_expected)
}

/// Runs a fix; its output is shown indented, then its exit status. A test
/// file must run at least one test.
fn run(executable: &Path, test: bool, out: &mut String) -> bool {
    let args: &[&str] = if test { &["--test-threads=1"] } else { &[] };
    match compiler::run(executable, args) {
        Ok(ran) => {
            for line in ran.stdout.lines().chain(ran.stderr.lines()) {
                let _ = writeln!(out, "    {line}");
            }
            let _ = writeln!(out, "    ({})", ran.status);
            if test && ran.tests_passed.unwrap_or(0) == 0 {
                let _ = writeln!(out, "    (no test ran: a test file must run its tests)");
                return false;
            }
            ran.success
        }
        Err(error) => {
            let _ = writeln!(out, "    {error}");
            false
        }
    }
}

/// The case without its first line and its `//~` claims, so that the diff
/// shows only the fix.
fn without_claims(source: &str) -> String {
    source
        .lines()
        .skip(1)
        .filter(|line| !line.trim_start().starts_with("//~"))
        .map(|line| line.split(" //~").next().unwrap_or(line))
        .fold(String::new(), |text, line| text + line + "\n")
}
