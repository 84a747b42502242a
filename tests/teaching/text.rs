//! Comparing and showing texts: the compiler's words against a snapshot,
//! and a fix against the broken case.

use std::fmt::Write as _;
use std::path::Path;

/// The compiler's rendering of a case's diagnostics, as the snapshots hold
/// it: one after the other, paths relative to the package root.
pub fn rendered(diagnostics: &[super::compiler::Diagnostic], root: &Path) -> String {
    let prefix = format!("{}/", root.display());
    let mut text = String::new();
    for diagnostic in diagnostics {
        if !text.is_empty() {
            text.push('\n');
        }
        text += diagnostic.rendered.replace(&prefix, "").trim_end();
        text.push('\n');
    }
    text
}

/// The words of a rendering, line by line, without what only layout decides:
/// indentation, the gutter's line numbers, blank lines and locations outside
/// the case (which the snapshots elide). Two renderings with the same words
/// read the same to a learner.
pub fn words(rendering: &str, case: &Path) -> Vec<String> {
    let case = case.to_string_lossy();
    rendering
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            // `12 |     code` and `   |` -> `|     code`, `|`
            let unnumbered = line
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start();
            let line = if unnumbered.starts_with('|') {
                unnumbered
            } else {
                line
            };
            match line.strip_prefix("--> ") {
                Some(location) if !location.starts_with(case.as_ref()) => {
                    let file = location.split(':').next().unwrap_or(location);
                    format!("--> {file}")
                }
                _ => line.trim_end().to_owned(),
            }
        })
        .collect()
}

/// One line of a line diff.
#[derive(Debug, PartialEq, Eq)]
pub enum Change<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// A line diff of `old` and `new`.
pub fn line_diff<'a>(old: &'a str, new: &'a str) -> Vec<Change<'a>> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|change| {
            let line = change.value().trim_end_matches('\n');
            match change.tag() {
                similar::ChangeTag::Equal => Change::Same(line),
                similar::ChangeTag::Delete => Change::Removed(line),
                similar::ChangeTag::Insert => Change::Added(line),
            }
        })
        .collect()
}

/// A unified-style diff with `context` unchanged lines around each change;
/// `paint` colours removed and added lines (ANSI red and green).
pub fn unified(old: &str, new: &str, context: usize, paint: bool) -> String {
    let changes = line_diff(old, new);
    let near_change = |index: usize| {
        let low = index.saturating_sub(context);
        let high = (index + context + 1).min(changes.len());
        changes[low..high]
            .iter()
            .any(|change| !matches!(change, Change::Same(_)))
    };
    let (red, green, reset) = if paint {
        ("\x1b[31m", "\x1b[32m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut text = String::new();
    let mut skipped = false;
    for (index, change) in changes.iter().enumerate() {
        if !near_change(index) {
            skipped = true;
            continue;
        }
        if std::mem::take(&mut skipped) {
            text += "   ...\n";
        }
        match change {
            Change::Same(line) => writeln!(text, "   {line}"),
            Change::Removed(line) => writeln!(text, "{red}-  {line}{reset}"),
            Change::Added(line) => writeln!(text, "{green}+  {line}{reset}"),
        }
        .expect("writing to a String");
    }
    if skipped {
        text += "   ...\n";
    }
    text
}

/// `text` wrapped at `width` columns: the first line starts with `first`,
/// the others with `rest`. Words are never split, nor is code in backticks,
/// which a reader may copy.
pub fn wrapped(text: &str, first: &str, rest: &str, width: usize) -> String {
    let mut pieces: Vec<String> = Vec::new();
    let mut in_code = false;
    for word in text.split_whitespace() {
        match pieces.last_mut() {
            Some(piece) if in_code => {
                piece.push(' ');
                *piece += word;
            }
            _ => pieces.push(word.to_owned()),
        }
        in_code ^= word.matches('`').count() % 2 == 1;
    }
    let mut out = String::from(first);
    let mut column = first.chars().count();
    for (index, piece) in pieces.iter().enumerate() {
        let length = piece.chars().count();
        if index > 0 && column + 1 + length > width {
            out.push('\n');
            out += rest;
            column = rest.chars().count();
        } else if index > 0 {
            out.push(' ');
            column += 1;
        }
        out += piece;
        column += length;
    }
    out
}
