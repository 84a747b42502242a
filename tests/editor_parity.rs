//! Editor parity: inside an attributed body, rust-analyzer answers every
//! request exactly as it does for the same plain `async fn`.
//!
//! `tests/editor_parity/fixture.rs` is written into a scratch package under
//! `target/editor-parity/`, one binary per variant: as written (with the
//! attributes), with `trace`, with `timeout = "5s"`, as plain `async fn`s,
//! and under an attribute that returns its item unchanged (the package's
//! own, `unchanged`). Each attribute is replaced by one padded to the
//! longest, or by a comment as long, so that every body is at the same lines
//! and columns in every variant. One rust-analyzer, driven over LSP on
//! stdio, loads the package with its defaults (the build scripts and proc
//! macros built, the proc-macro server started). Then, at every identifier
//! of every attributed function's signature and body, it is asked for the
//! definition, references, highlights, hover, prepare-rename and rename;
//! and for completions after each `.` in a body and inside the first word of
//! each body line. Each attributed variant's answers must equal the plain
//! variant's: locations as sets of (file, range), with the variant's own
//! file under one name; hovers as their text; completions as sets of labels.
//! A generated token that the editor maps to a user's position shows up as
//! an extra target, an extra hover section or an extra completion, and fails
//! the check with the position, the request and both answers.
//!
//! Two kinds of difference are not the expansion's, and are allowed:
//! - the attribute's purpose: hovering the function's own name shows a
//!   sync `fn` that returns what the future would;
//! - rust-analyzer's own: an answer that differs from the plain one in the
//!   same way under the attribute that changes nothing (a rename of a
//!   shorthand field, say) is the editor's for any attribute macro. These
//!   are listed, and do not fail the check.
//!
//! Four differences are the expansion's and cannot be avoided; each is
//! asserted narrowly (`Known`), listed, and does not fail the check:
//! - the signature's `async` and `fn`: the sync function's exit point is
//!   the macro's `return`, and its `fn` is shown at `async`;
//! - a body driven as a labelled block: completion offers `break` and
//!   `continue` at the start of a statement;
//! - with `trace` or `timeout`, a labelled `.await`: completion right after
//!   its `.`, and its definition, `Future::poll`;
//! - an `async` block nested in a body driven as a block: its `async` and
//!   `.await`s are related to the function's too.
//!
//! Needs rust-analyzer; without it the check says it is skipped.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The variants after the plain one: a name, and what replaces the
/// fixture's `#[lazy_main::main]` and `#[lazy_main::test]`. The first is the
/// control: an attribute that returns its item unchanged.
const VARIANTS: &[(&str, &str, &str)] = &[
    ("unchanged", "#[unchanged::main]", "#[unchanged::test]"),
    ("attribute", "#[lazy_main::main]", "#[lazy_main::test]"),
    (
        "trace",
        "#[lazy_main::main(trace)]",
        "#[lazy_main::test(trace)]",
    ),
    (
        "timeout",
        "#[lazy_main::main(timeout = \"5s\")]",
        "#[lazy_main::test(timeout = \"5s\")]",
    ),
];

/// The control variant's attribute crate: it changes nothing.
const UNCHANGED: &str = r"//! Attributes that return their item unchanged.

extern crate proc_macro;

use proc_macro::TokenStream;

/// The item, unchanged.
#[proc_macro_attribute]
pub fn main(_: TokenStream, item: TokenStream) -> TokenStream {
    item
}

/// The item, unchanged.
#[proc_macro_attribute]
pub fn test(_: TokenStream, item: TokenStream) -> TokenStream {
    item
}
";

/// The requests asked at every position.
const REQUESTS: &[&str] = &[
    "definition",
    "references",
    "documentHighlight",
    "hover",
    "prepareRename",
    "rename",
];

/// The lines of a hover's diff shown in the report.
const DIFF_LINES: usize = 16;

/// How long rust-analyzer may take to load the package: fetch its metadata,
/// build the proc macros and build scripts, start the proc-macro server.
const LOAD_TIMEOUT: Duration = Duration::from_secs(300);

/// How long the answers to one variant's requests may take, all together.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(120);

fn main() -> ExitCode {
    let version = Command::new("rust-analyzer")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned());
    let Some(version) = version else {
        println!(
            "editor parity: skipped, rust-analyzer is not installed \
             (rustup component add rust-analyzer)"
        );
        return ExitCode::SUCCESS;
    };
    match run(&version) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            println!("editor parity: {error}");
            ExitCode::FAILURE
        }
    }
}

/// One place in the fixture that requests are asked about.
struct Position {
    /// 0-based, as LSP counts.
    line: usize,
    /// 0-based, in UTF-16 code units as LSP counts: characters, as the
    /// fixture is ASCII.
    column: usize,
    /// The identifier there, for the report.
    word: String,
    /// The name of the function it belongs to, for the report.
    function: String,
    /// Whether this is the function's own name, in its signature.
    function_name: bool,
    /// Whether it is in the signature, not the body.
    in_signature: bool,
    /// The function's first and last lines, 0-based.
    function_lines: (usize, usize),
}

impl Position {
    fn describe(&self) -> String {
        format!(
            "{}:{} `{}` (in `{}`)",
            self.line + 1,
            self.column + 1,
            self.word,
            self.function
        )
    }
}

/// What one request answered, normalised so that variants compare.
#[derive(Clone, PartialEq, Eq)]
enum Answer {
    Set(BTreeSet<String>),
    Text(String),
}

fn run(version: &str) -> Result<bool, String> {
    let started = Instant::now();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = root.join("target/editor-parity");
    let fixture = fs::read_to_string(root.join("tests/editor_parity/fixture.rs"))
        .map_err(|error| format!("tests/editor_parity/fixture.rs: {error}"))?;
    if !fixture.is_ascii() {
        // Columns are counted in characters, as LSP counts them for ASCII.
        return Err("tests/editor_parity/fixture.rs: keep it ASCII".to_owned());
    }
    let (sources, placeholder) = variants(&fixture);
    let (positions, completions) = positions(&sources[0].1, &placeholder);
    if positions.is_empty() {
        return Err("the fixture has no attributed function".to_owned());
    }
    write_package(&scratch, &root, &sources)?;

    let mut server = Server::start(&scratch)?;
    let files: Vec<(&str, String)> = sources
        .iter()
        .map(|(variant, _)| (*variant, uri(&source_path(&scratch, variant))))
        .collect();
    server.initialize(&scratch)?;
    for ((_, source), (_, uri)) in sources.iter().zip(&files) {
        server.notify(
            "textDocument/didOpen",
            &json!({"textDocument": {"uri": uri, "languageId": "rust", "version": 1, "text": source}}),
        )?;
    }
    let main_name = positions
        .iter()
        .find(|position| position.function_name && position.word == "main")
        .ok_or("the fixture has no attributed `main`")?;
    server.wait_until_loaded(&files, main_name, &scratch)?;
    let loaded = started.elapsed();

    let normalise = Normaliser::new(&root, &scratch, &sources[0].1);
    // References to a standard library item are searched for in all of
    // it, 10 to 20 s each here; the macro can only add or hide some in the
    // fixture, which the highlights compare. Asked where the plain
    // definition is in the fixture or in lazy-main, or there is none.
    let plain_definitions = server.ask_all(
        &positions
            .iter()
            .map(|position| request_for("definition", &files[0].1, position))
            .collect::<Vec<_>>(),
    )?;
    let search_references: Vec<bool> = positions
        .iter()
        .zip(&plain_definitions)
        .map(
            |(position, answer)| match normalise.answer("definition", "plain", answer, position) {
                Answer::Set(targets) => targets.iter().all(|target| {
                    target.starts_with("fixture.rs ") || target.starts_with("lazy-main/")
                }),
                Answer::Text(_) => true,
            },
        )
        .collect();
    let asked: Vec<(&Position, &str)> = positions
        .iter()
        .zip(&search_references)
        .flat_map(|(position, &search)| {
            REQUESTS
                .iter()
                .filter(move |request| search || **request != "references")
                .map(move |request| (position, *request))
        })
        .chain(completions.iter().map(|position| (position, "completion")))
        .collect();
    let mut answers: Vec<Vec<Answer>> = Vec::new();
    for (variant, uri) in &files {
        let requests: Vec<(String, Value)> = asked
            .iter()
            .map(|(position, request)| request_for(request, uri, position))
            .collect();
        let raw = server.ask_all(&requests)?;
        answers.push(
            asked
                .iter()
                .zip(&raw)
                .map(|((position, request), answer)| {
                    normalise.answer(request, variant, answer, position)
                })
                .collect(),
        );
    }
    server.shut_down();

    let not_searched = search_references.iter().filter(|search| !**search).count();
    let summary = format!(
        "{} positions × {} requests (references not searched for at {not_searched} \
         standard library items) and {} completion positions in {} attributed variants \
         ({version}; loaded in {:.1} s, {:.1} s in all)",
        positions.len(),
        REQUESTS.len(),
        completions.len(),
        VARIANTS.len() - 1,
        loaded.as_secs_f64(),
        started.elapsed().as_secs_f64(),
    );
    Ok(report(&files, &asked, &answers, &summary))
}

/// Compares each attributed variant's answers with the plain one's, prints
/// what differs, and says whether nothing does.
///
/// Where the answer under the attribute that changes nothing differs from
/// the plain one, that difference is rust-analyzer's own, for any attribute
/// macro: there the attributed answers are compared with that control's.
fn report(
    files: &[(&str, String)],
    asked: &[(&Position, &str)],
    answers: &[Vec<Answer>],
    summary: &str,
) -> bool {
    let (plain, unchanged) = (&answers[0], &answers[1]);
    let mut differences = Vec::new();
    let mut known_differences = Vec::new();
    let mut editors_own = Vec::new();
    for (index, &(position, request)) in asked.iter().enumerate() {
        let own = unchanged[index] != plain[index];
        let reference = if own {
            editors_own.push(format!("  {} {request}", position.describe()));
            ("unchanged", &unchanged[index])
        } else {
            ("plain", &plain[index])
        };
        for ((variant, _), attributed) in files.iter().zip(answers).skip(2) {
            if attributed[index] != *reference.1 {
                let text = difference(variant, position, request, reference, &attributed[index]);
                match known(variant, position, request, reference.1, &attributed[index]) {
                    Some(kind) => known_differences.push((kind, *variant, text)),
                    None => differences.push((*variant, request, text)),
                }
            }
        }
    }
    if !editors_own.is_empty() {
        println!(
            "editor parity: rust-analyzer's own: these answers differ from the plain async \
             fn's under an attribute that returns its item unchanged too, and are compared \
             with that one's:"
        );
        for line in &editors_own {
            println!("{line}");
        }
    }
    print_known(&known_differences);
    if differences.is_empty() {
        println!(
            "editor parity: {summary}: all the same as the plain async fn but {} known \
             difference(s)",
            known_differences.len()
        );
        return true;
    }
    println!("editor parity: differences from the plain async fn:");
    for (_, _, text) in &differences {
        println!("{text}");
    }
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (variant, request, _) in &differences {
        *counts.entry((variant, request)).or_default() += 1;
    }
    println!("editor parity: differences by variant and request:");
    for ((variant, request), count) in counts {
        println!("  {variant:>9} {request:<17} {count}");
    }
    println!(
        "editor parity: {summary}: {} difference(s) from the plain async fn",
        differences.len()
    );
    false
}

/// The differences the expansion cannot avoid, each narrowly: what may
/// differ, where, and how.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Known {
    /// `async` and `fn` in the signature: their references and highlights
    /// are the function's exit points, and the sync function's is the
    /// macro's `return`, not the body's tail; and the sync `fn` is shown at
    /// `async` (rustc underlines the function from there), so `fn` has no
    /// definition and hovering `async` also shows `fn`'s page.
    SignatureKeywords,
    /// A body driven as a block is a labelled block: completion at the start
    /// of a statement offers `break` and `continue` too.
    LabelledBlock,
    /// With `trace` or `timeout`, an `.await` awaits the labelled future:
    /// completion right after its `.` sees the rewrite, and its definition is
    /// `Future::poll`, not the awaited type's own `poll`.
    LabelledAwait,
    /// An `async` block in a body driven as a block is nested in the
    /// macro's `async` block at the function's `async`: its `async` and
    /// `.await`s are also related to the function's.
    NestedAsync,
}

impl Known {
    fn describe(self) -> &'static str {
        match self {
            Known::SignatureKeywords => {
                "the signature's `async` and `fn`: exit points are the macro's `return`, \
                 not the body's tail (references and highlights); the sync `fn` is at \
                 `async` (no definition for `fn`, and `fn`'s page in `async`'s hover)"
            }
            Known::LabelledBlock => {
                "a body driven as a labelled block: completion also offers `break` and \
                 `continue`"
            }
            Known::LabelledAwait => {
                "a labelled `.await` (`trace`, `timeout`): completion after its `.`, and its \
                 definition is `Future::poll`"
            }
            Known::NestedAsync => {
                "an `async` block nested in the macro's: related to the function's own \
                 `async` and `.await`s too"
            }
        }
    }
}

/// Which known difference this is, if it is one.
fn known(
    variant: &str,
    position: &Position,
    request: &str,
    reference: &Answer,
    attributed: &Answer,
) -> Option<Known> {
    let word = position.word.as_str();
    let signature_keyword = position.in_signature && (word == "async" || word == "fn");
    let (Answer::Set(reference), Answer::Set(attributed)) = (reference, attributed) else {
        // Hovering the signature's `async`, which the sync `fn` is shown
        // at, also shows the `fn` keyword's page.
        return match (reference, attributed) {
            (Answer::Text(reference), Answer::Text(attributed))
                if signature_keyword && request == "hover" =>
            {
                (attributed.starts_with(reference.as_str()) && attributed.contains("fn"))
                    .then_some(Known::SignatureKeywords)
            }
            _ => None,
        };
    };
    let extra: BTreeSet<&String> = attributed.difference(reference).collect();
    let missing: BTreeSet<&String> = reference.difference(attributed).collect();
    let traced = variant == "trace" || variant == "timeout";
    let macros_own = |entry: &&String| entry.starts_with("lazy-main/macros/");
    // A location in the fixture on one of the function's lines
    // (`fixture.rs 31:5-31:9`, or `31:5-31:9` for a highlight).
    let in_function = |entry: &&String| {
        let range = entry.strip_prefix("fixture.rs ").unwrap_or(entry);
        range
            .split(':')
            .next()
            .and_then(|line| line.parse::<usize>().ok())
            .is_some_and(|line| {
                let (first, last) = position.function_lines;
                (first + 1..=last + 1).contains(&line)
            })
    };
    let is_range = |entry: &&String| {
        let range = entry.strip_prefix("fixture.rs ").unwrap_or(entry);
        range.split(':').count() == 3
    };
    match request {
        "references" | "documentHighlight" if position.in_signature => (signature_keyword
            && extra.iter().all(macros_own)
            && missing.iter().all(|entry| !macros_own(entry)))
        .then_some(Known::SignatureKeywords),
        // The sync `fn`, shown at `async`, is no keyword to go to.
        "definition" if signature_keyword && word == "fn" => {
            (attributed.is_empty() && reference.len() == 1).then_some(Known::SignatureKeywords)
        }
        "completion" if word.starts_with(".|") => {
            (traced && word == ".|await").then_some(Known::LabelledAwait)
        }
        "completion" => (missing.is_empty()
            && extra
                .iter()
                .map(|label| label.as_str())
                .eq(["break", "continue"]))
        .then_some(Known::LabelledBlock),
        "definition" if traced && word == "await" && !position.in_signature => (!attributed
            .is_empty()
            && attributed
                .iter()
                .all(|target| target.starts_with("<rust-src>/library/core/src/future/future.rs ")))
        .then_some(Known::LabelledAwait),
        "definition" | "references" | "documentHighlight"
            if (word == "async" || word == "await") && !position.in_signature =>
        {
            (missing.is_empty()
                && extra
                    .iter()
                    .all(|entry| macros_own(entry) || (is_range(entry) && in_function(entry))))
            .then_some(Known::NestedAsync)
        }
        _ => None,
    }
}

/// The known differences, by kind, each with its position and answers.
fn print_known(known: &[(Known, &str, String)]) {
    let kinds: BTreeSet<Known> = known.iter().map(|(kind, _, _)| *kind).collect();
    for kind in kinds {
        let of_kind: Vec<&(Known, &str, String)> = known
            .iter()
            .filter(|(other, _, _)| *other == kind)
            .collect();
        println!(
            "editor parity: known, {} difference(s): {}:",
            of_kind.len(),
            kind.describe()
        );
        for (_, _, text) in of_kind {
            println!("{text}");
        }
    }
}

/// Each variant's source, the plain one first, and the comment that stands
/// for an attribute in the plain one. Every attribute is padded to the
/// longest, so that everything after it is where it is in every variant.
fn variants(fixture: &str) -> (Vec<(&'static str, String)>, String) {
    let width = VARIANTS
        .iter()
        .flat_map(|(_, main, test)| [main.len(), test.len()])
        .max()
        .unwrap_or(0);
    let placeholder = format!("/*{}*/", " ".repeat(width - 4));
    let replaced = |main: &str, test: &str| {
        fixture
            .replace("#[lazy_main::main] ", &format!("{main:width$} "))
            .replace("#[lazy_main::test] ", &format!("{test:width$} "))
    };
    let mut sources = vec![("plain", replaced(&placeholder, &placeholder))];
    for &(variant, main, test) in VARIANTS {
        sources.push((variant, replaced(main, test)));
    }
    (sources, placeholder)
}

fn source_path(scratch: &Path, variant: &str) -> PathBuf {
    scratch.join(format!("src/bin/fixture_{variant}.rs"))
}

/// The scratch package: one binary per variant, the control's attribute
/// crate beside it, and the workspace's lock file, so that nothing is
/// resolved afresh.
fn write_package(scratch: &Path, root: &Path, sources: &[(&str, String)]) -> Result<(), String> {
    let bin = scratch.join("src/bin");
    fs::create_dir_all(&bin).map_err(|error| format!("{}: {error}", bin.display()))?;
    // Only this run's binaries: an old variant's would be loaded too.
    for entry in fs::read_dir(&bin).map_err(|error| error.to_string())? {
        let path = entry.map_err(|error| error.to_string())?.path();
        if !sources
            .iter()
            .any(|(variant, _)| path == source_path(scratch, variant))
        {
            fs::remove_file(&path).map_err(|error| format!("{}: {error}", path.display()))?;
        }
    }
    for (variant, source) in sources {
        write_if_changed(&source_path(scratch, variant), source)?;
    }
    let unchanged = scratch.join("unchanged");
    fs::create_dir_all(&unchanged).map_err(|error| format!("{}: {error}", unchanged.display()))?;
    write_if_changed(&unchanged.join("lib.rs"), UNCHANGED)?;
    write_if_changed(
        &unchanged.join("Cargo.toml"),
        "[package]\nname = \"unchanged\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[lib]\nproc-macro = true\npath = \"lib.rs\"\n",
    )?;
    let manifest = format!(
        "[package]\nname = \"editor-parity\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\nlazy-main = {{ path = {:?} }}\n\
         unchanged = {{ path = \"unchanged\" }}\n\n[workspace]\n",
        root.display().to_string()
    );
    write_if_changed(&scratch.join("Cargo.toml"), &manifest)?;
    if !scratch.join("Cargo.lock").exists() {
        let lock =
            fs::read_to_string(root.join("Cargo.lock")).map_err(|error| error.to_string())?;
        write_if_changed(&scratch.join("Cargo.lock"), &lock)?;
    }
    Ok(())
}

/// Writes `text` unless the file already holds it, so that cargo can reuse
/// what it built.
fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The positions asked about in `source` (the plain variant): every
/// identifier in each attributed function's signature and body, words in
/// its string literals too (a format string names locals); and the
/// completion positions: after each `.` in a body, and after the first two
/// letters of the first word of each body line.
fn positions(source: &str, placeholder: &str) -> (Vec<Position>, Vec<Position>) {
    let tokens = lex(source);
    let mut positions = Vec::new();
    let mut completions = Vec::new();
    for (line_number, line) in source.lines().enumerate() {
        let Some(start) = line.find(placeholder) else {
            continue;
        };
        let signature_start = start + placeholder.len();
        let first = tokens
            .partition_point(|token| (token.line, token.column) < (line_number, signature_start));
        let Some(body_open) = tokens[first..]
            .iter()
            .position(|token| token.kind == Kind::Punct && token.text == "{")
            .map(|at| first + at)
        else {
            continue;
        };
        let signature = &tokens[first..body_open];
        let name = signature
            .windows(2)
            .find(|pair| pair[0].text == "fn")
            .map(|pair| pair[1].text.clone())
            .unwrap_or_default();
        let body_close = tokens[body_open..]
            .iter()
            .scan(0_i32, |depth, token| {
                match (token.kind, token.text.as_str()) {
                    (Kind::Punct, "{") => *depth += 1,
                    (Kind::Punct, "}") => *depth -= 1,
                    _ => {}
                }
                Some(*depth)
            })
            .position(|depth| depth == 0)
            .map_or(line_number, |at| tokens[body_open + at].line);
        let function_lines = (line_number, body_close);
        for token in signature.iter().filter(|token| token.kind == Kind::Word) {
            positions.push(Position {
                line: token.line,
                column: token.column,
                word: token.text.clone(),
                function: name.clone(),
                function_name: token.text == name,
                in_signature: true,
                function_lines,
            });
        }
        let mut depth = 0;
        let mut last_line = None;
        for (index, token) in tokens.iter().enumerate().skip(body_open) {
            if token.kind == Kind::Punct && token.text == "{" {
                depth += 1;
            } else if token.kind == Kind::Punct && token.text == "}" {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            if token.kind != Kind::Word && token.kind != Kind::StringWord {
                continue;
            }
            positions.push(Position {
                line: token.line,
                column: token.column,
                word: token.text.clone(),
                function: name.clone(),
                function_name: false,
                in_signature: false,
                function_lines,
            });
            let after_dot = index > 0 && tokens[index - 1].text == "." && token.kind == Kind::Word;
            if after_dot {
                completions.push(Position {
                    word: format!(".|{}", token.text),
                    function_lines,
                    ..position_at(token, &name, 0)
                });
            }
            if last_line != Some(token.line) && token.line != line_number {
                last_line = Some(token.line);
                if token.kind == Kind::Word && token.text.len() > 2 {
                    completions.push(Position {
                        function_lines,
                        ..position_at(token, &name, 2)
                    });
                }
            }
        }
    }
    (positions, completions)
}

fn position_at(token: &Token, function: &str, offset: usize) -> Position {
    Position {
        line: token.line,
        column: token.column + offset,
        word: format!("{}|{}", &token.text[..offset], &token.text[offset..]),
        function: function.to_owned(),
        function_name: false,
        in_signature: false,
        function_lines: (token.line, token.line),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// A word inside a string literal.
    StringWord,
    Punct,
}

struct Token {
    line: usize,
    column: usize,
    text: String,
    kind: Kind,
}

/// The fixture's words and punctuation, with their places; comments
/// skipped, string literals reduced to the words in them.
fn lex(source: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for (line_number, line) in source.lines().enumerate() {
        let characters: Vec<char> = line.chars().collect();
        let mut column = 0;
        let mut in_string = false;
        while column < characters.len() {
            let character = characters[column];
            if !in_string && character == '/' && characters.get(column + 1) == Some(&'/') {
                break;
            }
            if !in_string && character == '/' && characters.get(column + 1) == Some(&'*') {
                let end = line[column + 2..]
                    .find("*/")
                    .map_or(characters.len(), |at| column + 2 + at + 2);
                column = end;
                continue;
            }
            if character == '"' {
                in_string = !in_string;
                column += 1;
                continue;
            }
            if in_string && character == '\\' {
                column += 2;
                continue;
            }
            if character.is_alphabetic() || character == '_' {
                let start = column;
                while column < characters.len()
                    && (characters[column].is_alphanumeric() || characters[column] == '_')
                {
                    column += 1;
                }
                tokens.push(Token {
                    line: line_number,
                    column: start,
                    text: characters[start..column].iter().collect(),
                    kind: if in_string {
                        Kind::StringWord
                    } else {
                        Kind::Word
                    },
                });
                continue;
            }
            if character.is_ascii_digit() {
                while column < characters.len() && characters[column].is_alphanumeric() {
                    column += 1;
                }
                continue;
            }
            if !in_string && !character.is_whitespace() {
                tokens.push(Token {
                    line: line_number,
                    column,
                    text: character.to_string(),
                    kind: Kind::Punct,
                });
            }
            column += 1;
        }
    }
    tokens
}

/// The LSP request for `request` at `position`: (method, params).
fn request_for(request: &str, uri: &str, position: &Position) -> (String, Value) {
    let document = json!({"uri": uri});
    let at = json!({"line": position.line, "character": position.column});
    let params = match request {
        "references" => json!({
            "textDocument": document,
            "position": at,
            "context": {"includeDeclaration": true},
        }),
        "rename" => json!({"textDocument": document, "position": at, "newName": "renamed"}),
        "completion" => json!({
            "textDocument": document,
            "position": at,
            "context": {"triggerKind": 1},
        }),
        _ => json!({"textDocument": document, "position": at}),
    };
    (format!("textDocument/{request}"), params)
}

/// Turns answers into what is compared: locations relative to the scratch
/// package, the lazy-main checkout, the standard library's sources or the
/// cargo registry; the variant's own file and crate under one name.
struct Normaliser {
    root: String,
    bin: String,
    /// The plain variant's lines: the others' are the same but for the
    /// attributes.
    lines: Vec<String>,
}

impl Normaliser {
    fn new(root: &Path, scratch: &Path, plain: &str) -> Self {
        Self {
            root: format!("{}/", root.display()),
            bin: format!("{}/", scratch.join("src/bin").display()),
            lines: plain.lines().map(str::to_owned).collect(),
        }
    }

    /// The fixture's text in a one-line `range`, if it is one.
    fn text_at(&self, range: &Value) -> Option<&str> {
        let (start, end) = (&range["start"], &range["end"]);
        let line = usize::try_from(start["line"].as_u64()?).ok()?;
        if end["line"].as_u64()? != start["line"].as_u64()? {
            return None;
        }
        let from = usize::try_from(start["character"].as_u64()?).ok()?;
        let to = usize::try_from(end["character"].as_u64()?).ok()?;
        self.lines.get(line)?.get(from..to)
    }

    /// The file a URI names, for the report; `None` for another variant's
    /// file (a search over the package finds the other variants too).
    fn file(&self, uri: &str, variant: &str) -> Option<String> {
        let path = uri.strip_prefix("file://").unwrap_or(uri);
        if let Some(file) = path.strip_prefix(&self.bin) {
            return (file == format!("fixture_{variant}.rs")).then(|| "fixture.rs".to_owned());
        }
        if let Some(file) = path.strip_prefix(&self.root) {
            return Some(format!("lazy-main/{file}"));
        }
        for (marker, name) in [
            ("/lib/rustlib/src/rust/", "<rust-src>/"),
            ("/registry/src/", "<registry>/"),
        ] {
            if let Some(at) = path.find(marker) {
                return Some(format!("{name}{}", &path[at + marker.len()..]));
            }
        }
        Some(path.to_owned())
    }

    fn location(&self, uri: &Value, range: &Value, variant: &str) -> Option<String> {
        let file = self.file(uri.as_str().unwrap_or_default(), variant)?;
        Some(format!("{file} {}", range_text(range)))
    }

    fn answer(&self, request: &str, variant: &str, answer: &Value, position: &Position) -> Answer {
        let result = match answer.get("error") {
            Some(error) => {
                let message = error["message"].as_str().unwrap_or_default();
                return Answer::Text(format!("error: {}", without_ids(message)));
            }
            None => &answer["result"],
        };
        match request {
            "definition" | "references" => Answer::Set(self.locations(result, variant)),
            "documentHighlight" => Answer::Set(
                result
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|highlight| {
                        let kind = match highlight["kind"].as_u64() {
                            Some(2) => " (read)",
                            Some(3) => " (write)",
                            _ => "",
                        };
                        format!("{}{kind}", range_text(&highlight["range"]))
                    })
                    .collect(),
            ),
            "hover" => {
                let mut text = hover_text(&result["contents"]);
                if position.function_name {
                    // The attribute's purpose: the function is sync, and
                    // returns what the future would.
                    text = without_futures(&text.replace("async fn ", "fn "));
                }
                let text = text.replace(&format!("fixture_{variant}"), "fixture");
                Answer::Text(if result.is_null() {
                    "(none)".to_owned()
                } else {
                    format!("{}\n{text}", range_text(&result["range"]))
                })
            }
            "prepareRename" => Answer::Text(if result.is_null() {
                "(none)".to_owned()
            } else if result.get("start").is_some() {
                range_text(result)
            } else {
                format!(
                    "{} {}",
                    range_text(&result["range"]),
                    result["placeholder"].as_str().unwrap_or_default()
                )
            }),
            "rename" => Answer::Set(self.edits(result, variant, &position.word)),
            "completion" => {
                let items = result.get("items").unwrap_or(result);
                Answer::Set(
                    items
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|item| item["label"].as_str().unwrap_or_default().to_owned())
                        .collect(),
                )
            }
            _ => Answer::Text(result.to_string()),
        }
    }

    fn locations(&self, result: &Value, variant: &str) -> BTreeSet<String> {
        let list = match result {
            Value::Array(list) => list.clone(),
            Value::Null => Vec::new(),
            single => vec![single.clone()],
        };
        list.iter()
            .filter_map(|location| match location.get("targetUri") {
                Some(uri) => self.location(uri, &location["targetSelectionRange"], variant),
                None => self.location(&location["uri"], &location["range"], variant),
            })
            .collect()
    }

    /// A rename's edits. rust-analyzer places the edit of a `self`
    /// parameter inside an attribute macro's item at an offset into the
    /// expansion, a place in the file that depends on what the macro
    /// wrote: an edit of fixture text that is not the renamed name is shown
    /// as misplaced, without its place, so that it compares.
    fn edits(&self, result: &Value, variant: &str, name: &str) -> BTreeSet<String> {
        let mut edits = BTreeSet::new();
        let mut add = |uri: &Value, list: &Value| {
            for edit in list.as_array().into_iter().flatten() {
                let new_text = edit["newText"].as_str().unwrap_or_default();
                let Some(location) = self.location(uri, &edit["range"], variant) else {
                    continue;
                };
                let misplaced = location.starts_with("fixture.rs ")
                    && self
                        .text_at(&edit["range"])
                        .is_some_and(|text| !text.is_empty() && !text.contains(name));
                if misplaced {
                    edits.insert(format!("(misplaced, not at `{name}`) → {new_text:?}"));
                } else {
                    edits.insert(format!("{location} → {new_text:?}"));
                }
            }
        };
        if let Some(changes) = result.get("changes").and_then(Value::as_object) {
            for (uri, list) in changes {
                add(&Value::String(uri.clone()), list);
            }
        }
        for change in result
            .get("documentChanges")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            add(&change["textDocument"]["uri"], &change["edits"]);
        }
        edits
    }
}

/// `line:column-line:column`, 1-based.
fn range_text(range: &Value) -> String {
    let at = |point: &Value| {
        format!(
            "{}:{}",
            point["line"].as_u64().unwrap_or(0) + 1,
            point["character"].as_u64().unwrap_or(0) + 1
        )
    };
    format!("{}-{}", at(&range["start"]), at(&range["end"]))
}

/// `message` with rust-analyzer's internal ids (`Crate(Id(2c00))`) left
/// out: they number the variants' crates.
fn without_ids(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find("Id(") {
        out.push_str(&rest[..start + 3]);
        rest = &rest[start + 3..];
        let digits = rest
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(rest.len());
        if rest[digits..].starts_with(')') {
            out.push('…');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// `text` with each `impl Future<Output = T>` written as `T`.
fn without_futures(text: &str) -> String {
    const FUTURE: &str = "impl Future<Output = ";
    let mut rest = text;
    let mut out = String::new();
    while let Some(start) = rest.find(FUTURE) {
        out.push_str(&rest[..start]);
        rest = &rest[start + FUTURE.len()..];
        let mut depth = 0;
        let end = rest
            .char_indices()
            .find(|&(_, character)| {
                match character {
                    '<' => depth += 1,
                    '>' if depth == 0 => return true,
                    '>' => depth -= 1,
                    _ => {}
                }
                false
            })
            .map_or(rest.len(), |(at, _)| at);
        out.push_str(&rest[..end]);
        rest = rest.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

fn hover_text(contents: &Value) -> String {
    match contents {
        Value::String(text) => text.clone(),
        Value::Array(parts) => parts.iter().map(hover_text).collect::<Vec<_>>().join("\n"),
        Value::Object(object) => object
            .get("value")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    }
}

/// One difference, for the report: the position, the request, both
/// answers. Large sets are shown by what only one of them holds, texts of
/// several lines as a diff.
fn difference(
    variant: &str,
    position: &Position,
    request: &str,
    (reference, plain): (&str, &Answer),
    attributed: &Answer,
) -> String {
    let mut text = format!("  [{variant}] {} {request}:\n", position.describe());
    match (plain, attributed) {
        (Answer::Set(plain), Answer::Set(attributed)) if plain.len() + attributed.len() > 12 => {
            let only = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
                listed(&a.difference(b).cloned().collect::<BTreeSet<_>>())
            };
            let common = plain.intersection(attributed).count();
            let _ = writeln!(text, "      both: {common} the same");
            let _ = writeln!(text, "      only {reference}: {}", only(plain, attributed));
            let _ = writeln!(text, "      only {variant}: {}", only(attributed, plain));
        }
        (Answer::Text(plain), Answer::Text(attributed))
            if plain.lines().count() + attributed.lines().count() > 4 =>
        {
            let (plain, attributed) = (format!("{plain}\n"), format!("{attributed}\n"));
            let diff = similar::TextDiff::from_lines(&plain, &attributed);
            let _ = writeln!(text, "      --- {reference}\n      +++ {variant}");
            let mut lines = Vec::new();
            for (index, group) in diff.grouped_ops(1).iter().enumerate() {
                if index > 0 {
                    lines.push("      …".to_owned());
                }
                for change in group.iter().flat_map(|op| diff.iter_changes(op)) {
                    let sign = match change.tag() {
                        similar::ChangeTag::Equal => ' ',
                        similar::ChangeTag::Delete => '-',
                        similar::ChangeTag::Insert => '+',
                    };
                    lines.push(format!("      {sign} {}", change.value().trim_end()));
                }
            }
            // A documentation page that comes along is not read here.
            let shown = lines.len().min(DIFF_LINES);
            for line in &lines[..shown] {
                let _ = writeln!(text, "{line}");
            }
            if shown < lines.len() {
                let _ = writeln!(text, "      … {} more lines", lines.len() - shown);
            }
        }
        _ => {
            let _ = writeln!(text, "      {reference}: {}", shown(plain));
            let _ = writeln!(text, "      {variant}: {}", shown(attributed));
        }
    }
    text.pop();
    text
}

fn shown(answer: &Answer) -> String {
    match answer {
        Answer::Set(set) => listed(set),
        Answer::Text(text) => text.replace('\n', "\n        | "),
    }
}

/// The first few items of `set`, and how many more there are.
fn listed(set: &BTreeSet<String>) -> String {
    const SHOWN: usize = 40;
    if set.is_empty() {
        return "(none)".to_owned();
    }
    let mut text = set
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if set.len() > SHOWN {
        let _ = write!(text, ", … {} more", set.len() - SHOWN);
    }
    text
}

/// rust-analyzer, spoken to over stdio; killed when dropped.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    responses: HashMap<u64, Value>,
    /// The last `experimental/serverStatus`: (health, quiescent, message).
    status: Option<(String, bool, String)>,
    /// The last `$/progress` title or message, for a report on timeout.
    progress: String,
    log: PathBuf,
}

impl Server {
    fn start(scratch: &Path) -> Result<Self, String> {
        let log = scratch.join("rust-analyzer.log");
        let stderr =
            fs::File::create(&log).map_err(|error| format!("{}: {error}", log.display()))?;
        let mut child = Command::new("rust-analyzer")
            .current_dir(scratch)
            .env("CARGO_TARGET_DIR", scratch.join("target"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|error| format!("cannot start rust-analyzer: {error}"))?;
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, messages) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Ok(Self {
            child,
            stdin,
            messages,
            next_id: 0,
            responses: HashMap::new(),
            status: None,
            progress: String::new(),
            log,
        })
    }

    fn send(&mut self, message: &Value) -> Result<(), String> {
        let body = message.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.stdin
            .write_all(framed.as_bytes())
            .and_then(|()| self.stdin.flush())
            .map_err(|error| format!("rust-analyzer stopped reading: {error}{}", self.log_tail()))
    }

    fn notify(&mut self, method: &str, params: &Value) -> Result<(), String> {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    fn request(&mut self, method: &str, params: &Value) -> Result<u64, String> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        Ok(id)
    }

    /// Handles what arrives until `deadline`, or until one message has.
    fn receive(&mut self, deadline: Instant) -> Result<(), String> {
        let wait = deadline.saturating_duration_since(Instant::now());
        let message = match self.messages.recv_timeout(wait) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => return Ok(()),
            Err(RecvTimeoutError::Disconnected) => {
                let status = self.child.try_wait().ok().flatten();
                return Err(format!(
                    "rust-analyzer exited ({}){}",
                    status.map_or_else(|| "still running".to_owned(), |s| s.to_string()),
                    self.log_tail()
                ));
            }
        };
        match (
            message.get("id"),
            message.get("method").and_then(Value::as_str),
        ) {
            // A request from the server (progress tokens, registrations):
            // acknowledged, nothing more.
            (Some(id), Some(_)) => {
                let id = id.clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}))?;
            }
            (Some(id), None) => {
                if let Some(id) = id.as_u64() {
                    self.responses.insert(id, message);
                }
            }
            (None, Some("experimental/serverStatus")) => {
                let params = &message["params"];
                self.status = Some((
                    params["health"].as_str().unwrap_or_default().to_owned(),
                    params["quiescent"].as_bool().unwrap_or(false),
                    params["message"].as_str().unwrap_or_default().to_owned(),
                ));
            }
            (None, Some("$/progress")) => {
                let value = &message["params"]["value"];
                let token = message["params"]["token"].as_str().unwrap_or_default();
                let text = value["message"]
                    .as_str()
                    .or_else(|| value["title"].as_str())
                    .unwrap_or_default();
                self.progress = format!("{token} {} {text}", value["kind"].as_str().unwrap_or(""));
            }
            _ => {}
        }
        Ok(())
    }

    /// The answer to request `id`, waiting until `deadline`.
    fn answer(&mut self, id: u64, deadline: Instant, what: &str) -> Result<Value, String> {
        loop {
            if let Some(answer) = self.responses.remove(&id) {
                return Ok(answer);
            }
            if Instant::now() >= deadline {
                return Err(format!("rust-analyzer did not answer {what} in time"));
            }
            self.receive(deadline)?;
        }
    }

    fn initialize(&mut self, scratch: &Path) -> Result<(), String> {
        let root = uri(scratch);
        let id = self.request(
            "initialize",
            &json!({
                "processId": std::process::id(),
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "editor-parity"}],
                "capabilities": {
                    "window": {"workDoneProgress": true},
                    "experimental": {"serverStatusNotification": true},
                    "textDocument": {
                        "hover": {"contentFormat": ["plaintext"]},
                        "rename": {"prepareSupport": true},
                        "completion": {"completionItem": {"snippetSupport": false}},
                    },
                },
                // Its defaults but for priming caches for workspace symbol
                // search, which nothing here asks for.
                "initializationOptions": {
                    "cachePriming": {"enable": false},
                    "checkOnSave": false,
                },
            }),
        )?;
        let answer = self.answer(id, Instant::now() + Duration::from_secs(60), "initialize")?;
        if let Some(error) = answer.get("error") {
            return Err(format!("rust-analyzer refused to initialize: {error}"));
        }
        self.notify("initialized", &json!({}))
    }

    /// Waits until the package is loaded and the attribute expanded: the
    /// server says it is quiescent, and hovering the attributed `main`
    /// shows something else than hovering the plain one (unexpanded, they
    /// are the same `async fn`). Fails at the deadline, or as soon as the
    /// server has stayed idle and unwell a while without expanding it: it
    /// does not try again on its own.
    fn wait_until_loaded(
        &mut self,
        files: &[(&str, String)],
        main_name: &Position,
        scratch: &Path,
    ) -> Result<(), String> {
        let attributed = files
            .iter()
            .find(|(variant, _)| *variant == "attribute")
            .ok_or("no variant named `attribute`")?;
        let deadline = Instant::now() + LOAD_TIMEOUT;
        let mut unwell_since = None;
        loop {
            let poll = Instant::now() + Duration::from_millis(500);
            while Instant::now() < poll {
                self.receive(poll)?;
            }
            let (health, quiescent, message) = self
                .status
                .clone()
                .unwrap_or_else(|| ("ok".to_owned(), true, String::new()));
            if quiescent && self.expanded(&files[0].1, &attributed.1, main_name, scratch)? {
                return Ok(());
            }
            let unwell = quiescent && health != "ok";
            let since = if unwell {
                *unwell_since.get_or_insert_with(Instant::now)
            } else {
                unwell_since = None;
                Instant::now()
            };
            if since.elapsed() > Duration::from_secs(10) {
                return Err(format!(
                    "rust-analyzer cannot load the scratch package ({health}): {}{}",
                    brief(&message),
                    self.log_tail()
                ));
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "rust-analyzer did not load the scratch package and expand \
                     `#[lazy_main::main]` within {} s (status: {health}, {}; last progress: \
                     {}){}",
                    LOAD_TIMEOUT.as_secs(),
                    if quiescent { "idle" } else { "busy" },
                    self.progress,
                    self.log_tail()
                ));
            }
        }
    }

    /// Whether hovering `main`'s name answers differently in the plain and
    /// the attributed file, as it does once the attribute is expanded.
    fn expanded(
        &mut self,
        plain: &str,
        attributed: &str,
        main_name: &Position,
        scratch: &Path,
    ) -> Result<bool, String> {
        let normalise = Normaliser::new(Path::new("/"), scratch, "");
        // Compared as any other position would be: without the allowance
        // for the function's own name.
        let main_name = Position {
            function_name: false,
            word: main_name.word.clone(),
            function: main_name.function.clone(),
            ..*main_name
        };
        let mut hovers = Vec::new();
        for (variant, uri) in [("plain", plain), ("attribute", attributed)] {
            let id = self.request(
                "textDocument/hover",
                &json!({
                    "textDocument": {"uri": uri},
                    "position": {"line": main_name.line, "character": main_name.column},
                }),
            )?;
            let answer = self.answer(id, Instant::now() + ANSWER_TIMEOUT, "a hover")?;
            hovers.push(normalise.answer("hover", variant, &answer, &main_name));
        }
        let none = Answer::Text("(none)".to_owned());
        Ok(hovers[0] != hovers[1] && !hovers.contains(&none))
    }

    /// Sends every request at once, then collects the answers in order. A
    /// request that the server cancels because its state changed is asked
    /// again.
    fn ask_all(&mut self, requests: &[(String, Value)]) -> Result<Vec<Value>, String> {
        let deadline = Instant::now() + ANSWER_TIMEOUT;
        let mut ids = Vec::with_capacity(requests.len());
        for (method, params) in requests {
            ids.push(self.request(method, params)?);
        }
        let mut answers = Vec::with_capacity(requests.len());
        for ((method, params), id) in requests.iter().zip(ids) {
            let mut answer = self.answer(id, deadline, method)?;
            for _ in 0..3 {
                // ContentModified, ServerCancelled
                let code = answer["error"]["code"].as_i64();
                if !matches!(code, Some(-32801 | -32802)) {
                    break;
                }
                let id = self.request(method, params)?;
                answer = self.answer(id, deadline, method)?;
            }
            answers.push(answer);
        }
        Ok(answers)
    }

    fn shut_down(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        if let Ok(id) = self.request("shutdown", &Value::Null) {
            let _ = self.answer(id, deadline, "shutdown");
            let _ = self.notify("exit", &Value::Null);
        }
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The end of rust-analyzer's log, to show with an error.
    fn log_tail(&self) -> String {
        let log = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail: Vec<String> = lines[lines.len().saturating_sub(10)..]
            .iter()
            .map(|line| line.chars().take(300).collect())
            .collect();
        format!(
            "\n  the end of its log ({}):\n    {}",
            self.log.display(),
            tail.join("\n    ")
        )
    }
}

/// The first lines of rust-analyzer's status message, without a backtrace.
fn brief(message: &str) -> String {
    let message = message
        .split("Stack backtrace")
        .next()
        .unwrap_or_default()
        .trim_end();
    let lines: Vec<&str> = message.lines().take(12).collect();
    lines.join("\n    ")
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// One JSON-RPC message: `Content-Length` headers, a blank line, the body.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
