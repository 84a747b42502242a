//! Whether two variants of one program — a plain `async fn` and the
//! attributed one, or a program with and without `trace` — are diagnosed
//! alike and, where they run, behave alike; and, where not, a readable diff.

use std::fmt::Write as _;

use super::compiler::{Child, Diagnostic, Place, Ran, Span};
use super::text;

/// One diagnostic as parity compares it, a fact per line: level, code and
/// message; the primary span; every label (span and text); every note and
/// help (text, the place of each of its spans, labels and suggested code).
/// A place in the compiled file is its line and column; a place elsewhere
/// (std, lazy-main's crates) is left out, its text kept. `this_file` are
/// the names the compiler may give the compiled file inside a message (an
/// `async block@…` type); they read `<this file>`, since each variant is a
/// different file.
pub fn canonical(diagnostic: &Diagnostic, this_file: &[String]) -> String {
    // A message of several lines stays one fact: its lines indented under it.
    let clean = |text: &str| {
        this_file
            .iter()
            .filter(|name| !name.is_empty())
            .fold(text.to_owned(), |text, name| {
                text.replace(name.as_str(), "<this file>")
            })
            .replace('\n', "\n        ")
    };
    let mut out = format!("{}", diagnostic.level);
    if let Some(code) = &diagnostic.code {
        let _ = write!(out, "[{code}]");
    }
    let _ = writeln!(out, ": {}", clean(&diagnostic.message));
    let _ = writeln!(
        out,
        "  at {}",
        match (diagnostic.line, diagnostic.column) {
            (Some(line), Some(column)) => format!("{line}:{column}"),
            _ => "no line of this file".to_owned(),
        }
    );
    for span in &diagnostic.spans {
        if let Some(label) = &span.label {
            let _ = writeln!(out, "  label {}: {}", place(span), clean(label));
        }
    }
    for child in &diagnostic.children {
        let _ = writeln!(out, "  {}: {}", child.level, clean(&child.message));
        for span in &child.spans {
            let _ = write!(out, "    {}", place(span));
            if let Some(label) = &span.label {
                let _ = write!(out, ", label: {}", clean(label));
            }
            if let Some(code) = &span.replacement {
                let _ = write!(out, ", suggests {:?}", clean(code));
            }
            out.push('\n');
        }
    }
    out
}

fn place(span: &Span) -> String {
    let primary = if span.primary { " (primary)" } else { "" };
    match &span.place {
        Place::Here { line, column } => format!("at {line}:{column}{primary}"),
        Place::Elsewhere { .. } => format!("outside this file{primary}"),
    }
}

/// The differences between `expected`'s diagnostics and `other`'s; `None`
/// if they are the same. Each diagnostic that is not in both is shown whole,
/// as a diff against the one of the other side with the same first line
/// (level, code, message), if any: `-` only in `expected_name`, `+` only in
/// `other_name`.
pub fn diagnostics_differ(
    (expected_name, expected, expected_file): (&str, &[Diagnostic], &[String]),
    (other_name, other, other_file): (&str, &[Diagnostic], &[String]),
) -> Option<String> {
    let forms = |diagnostics: &[Diagnostic], file: &[String]| {
        let mut forms: Vec<String> = diagnostics.iter().map(|d| canonical(d, file)).collect();
        forms.sort();
        forms
    };
    let (mut expected, mut other) = (forms(expected, expected_file), forms(other, other_file));
    if expected == other {
        return None;
    }
    // What both have is not shown.
    expected.retain(|form| match other.iter().position(|o| o == form) {
        Some(index) => {
            other.remove(index);
            false
        }
        None => true,
    });
    let head = |form: &str| form.lines().next().unwrap_or_default().to_owned();
    let mut out = format!("diagnostics differ (- {expected_name}, + {other_name}):\n");
    for form in &expected {
        let pair = other.iter().position(|o| head(o) == head(form));
        let theirs = pair.map(|index| other.remove(index)).unwrap_or_default();
        out += &whole_diff(form, &theirs);
    }
    for form in &other {
        out += &whole_diff("", form);
    }
    Some(out)
}

/// A diff of two short texts that shows every line of both.
fn whole_diff(old: &str, new: &str) -> String {
    let lines = old.lines().count().max(new.lines().count());
    text::unified(old, new, lines, false)
}

/// What a run is compared by: its status, its stdout, and its stderr without
/// trace's reports (the lines starting with `lazy_main:`). Durations
/// (`200 ms`, `0.00s`) read `<duration>`: they differ between any two runs
/// of one program. `this_file` are the program's own path, which panics and
/// `file!()` print; they read `<this file>`.
pub fn behaviour(ran: &Ran, this_file: &[String]) -> String {
    let clean = |text: &str| {
        let text = this_file
            .iter()
            .filter(|name| !name.is_empty())
            .fold(text.to_owned(), |text, name| {
                text.replace(name.as_str(), "<this file>")
            });
        without_durations(&text)
    };
    let stderr = ran
        .stderr
        .lines()
        .filter(|line| !line.starts_with("lazy_main:"))
        .fold(String::new(), |text, line| text + line + "\n");
    let mut out = format!("status: {}\n", ran.status);
    for line in clean(&ran.stdout).lines() {
        let _ = writeln!(out, "stdout: {line}");
    }
    for line in clean(&stderr).lines() {
        let _ = writeln!(out, "stderr: {line}");
    }
    out
}

/// The differences between two runs' behaviour, as a diff; `None` if none.
pub fn behaviour_differs(
    (expected_name, expected): (&str, &str),
    (other_name, other): (&str, &str),
) -> Option<String> {
    (expected != other).then(|| {
        format!(
            "runs differ (- {expected_name}, + {other_name}):\n{}",
            text::unified(expected, other, 2, false)
        )
    })
}

/// `text` with each duration — a number and a unit of time (`ns`, `µs`,
/// `us`, `ms`, `s`), with or without a space — replaced by `<duration>`.
pub fn without_durations(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut index = 0;
    while index < chars.len() {
        let starts_number = chars[index].is_ascii_digit()
            && (index == 0 || !(chars[index - 1].is_alphanumeric() || chars[index - 1] == '.'));
        if starts_number {
            let mut end = index;
            while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.') {
                end += 1;
            }
            let mut unit_start = end;
            if unit_start < chars.len() && chars[unit_start] == ' ' {
                unit_start += 1;
            }
            let unit = ["ns", "µs", "us", "ms", "s"].into_iter().find(|unit| {
                let unit: Vec<char> = unit.chars().collect();
                let unit_end = unit_start + unit.len();
                chars.get(unit_start..unit_end) == Some(&unit[..])
                    && chars
                        .get(unit_end)
                        .map_or(true, |next| !next.is_alphanumeric())
            });
            if let Some(unit) = unit {
                out += "<duration>";
                index = unit_start + unit.chars().count();
                continue;
            }
            out.extend(&chars[index..end]);
            index = end;
            continue;
        }
        out.push(chars[index]);
        index += 1;
    }
    out
}

/// `diagnostics` as rustc words them for the same body in an `async move`
/// block rather than an `async fn` — what a method's, a helper's or a test's
/// body is, since no inner function could see `self`, `Self` or an impl's
/// parameters. rustc treats an async block differently in two ways, and
/// these are all that is changed:
///
/// - an async block declares no return type: its type comes from its first
///   `return` (the expansion's, at the user's return type), so the label
///   "expected `T` because of return type" reads as a note "return type
///   inferred to be `T` here", at the same place, after the other notes;
/// - after a move inside an async block, rustc offers no "consider cloning
///   the value" help.
pub fn as_in_an_async_block(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    const CLONE_HELP: &str = "consider cloning the value if the performance cost is acceptable";
    diagnostics
        .iter()
        .map(|diagnostic| {
            let mut block = diagnostic.clone();
            let mut notes = Vec::new();
            block.spans.retain(|span| {
                let Some(ty) = span.label.as_deref().and_then(|label| {
                    label
                        .strip_prefix("expected `")
                        .and_then(|rest| rest.strip_suffix("` because of return type"))
                }) else {
                    return true;
                };
                notes.push(Child {
                    level: "note".to_owned(),
                    message: format!("return type inferred to be `{ty}` here"),
                    spans: vec![Span {
                        primary: true,
                        label: None,
                        ..span.clone()
                    }],
                });
                false
            });
            block
                .children
                .retain(|child| !(child.level == "help" && child.message == CLONE_HELP));
            let after_notes = block
                .children
                .iter()
                .position(|child| child.level != "note")
                .unwrap_or(block.children.len());
            block.children.splice(after_notes..after_notes, notes);
            block
        })
        .collect()
}

/// `diagnostics` as rustc gives them with `trace`, which wraps each labelled
/// `.await`'s operand in a call. rustc then sees that call, not the user's,
/// as what is awaited; where the awaited value is not a future, that is all
/// that changes: the error is the same, at the same place, with the same
/// "remove the `.await`", but without the label "this call returns `T`" on
/// the user's call and the help to make that function `async`.
pub fn as_labelled_by_trace(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .map(|diagnostic| {
            let mut labelled = diagnostic.clone();
            if diagnostic.message.ends_with("is not a future") {
                labelled.spans.retain(|span| {
                    !span
                        .label
                        .as_deref()
                        .is_some_and(|label| label.starts_with("this call returns `"))
                });
                labelled.children.retain(|child| {
                    !(child.level == "help"
                        && child
                            .message
                            .starts_with("alternatively, consider making `fn ")
                        && child.message.ends_with("` asynchronous"))
                });
            }
            labelled
        })
        .collect()
}
