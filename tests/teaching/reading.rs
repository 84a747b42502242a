//! How to read what the compiler says, where its words are not about the
//! learner's own code: a note that points into lazy-main's source (the
//! attribute's expansion calls it), or a suggestion that is not Rust anyone
//! can write. Each note says what the learner is looking at, and what to
//! write instead.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::cases::{Case, Suite};
use super::compiler::{Diagnostic, Place};

/// A span outside the case, in one of lazy-main's crates.
pub struct Inside<'a> {
    /// Relative to the package root: `src/lib.rs`.
    pub file: String,
    pub line: usize,
    /// The message of the note it belongs to, which names the item.
    pub note: &'a str,
}

/// The spans of `diagnostics` that point into lazy-main's own source.
pub fn inside_lazy_main(diagnostics: &[Diagnostic]) -> Vec<Inside<'_>> {
    let root = super::root();
    let ours = ["src/", "macros/src/", "runtime/src/"];
    let mut found = Vec::new();
    for diagnostic in diagnostics {
        let notes = std::iter::once((diagnostic.message.as_str(), &diagnostic.spans)).chain(
            diagnostic
                .children
                .iter()
                .map(|c| (c.message.as_str(), &c.spans)),
        );
        for (note, spans) in notes {
            for span in spans.iter().filter(|span| span.primary) {
                let Place::Elsewhere { file, line } = &span.place else {
                    continue;
                };
                let Ok(relative) = Path::new(file).strip_prefix(root) else {
                    continue;
                };
                let relative = relative.to_string_lossy().into_owned();
                let already = found
                    .iter()
                    .any(|seen: &Inside| seen.file == relative && seen.line == *line);
                if ours.iter().any(|dir| relative.starts_with(dir)) && !already {
                    found.push(Inside {
                        file: relative,
                        line: *line,
                        note,
                    });
                }
            }
        }
    }
    found
}

/// A suggestion that is not Rust anyone can write: the line as it would read
/// with it applied, and why it is not.
pub struct Sketch {
    /// The help's message (`consider wrapping the function in a closure`).
    pub help: String,
    /// The case's line, with the suggestion applied (without its claim).
    pub applied: String,
    pub line: usize,
    pub why: Vec<String>,
}

/// The suggestions among `diagnostics` that are sketches, not code.
pub fn sketches(case: &Case, diagnostics: &[Diagnostic]) -> Vec<Sketch> {
    let lines: Vec<&str> = case.source.lines().collect();
    let mut found = Vec::new();
    for child in diagnostics.iter().flat_map(|d| &d.children) {
        // (line, column, columns replaced, text) of each edit in the case.
        let edits: Vec<(usize, usize, usize, &str)> = child
            .spans
            .iter()
            .filter_map(|span| match (&span.place, &span.replacement, span.width) {
                (Place::Here { line, column }, Some(text), Some(width)) => {
                    Some((*line, *column, width, text.as_str()))
                }
                _ => None,
            })
            .collect();
        let Some(&(line, ..)) = edits.first() else {
            continue;
        };
        // Only edits on one line of the case are applied.
        let Some(original) = lines.get(line - 1) else {
            continue;
        };
        if edits.len() != child.spans.len() || edits.iter().any(|edit| edit.0 != line) {
            continue;
        }
        let mut applied: Vec<char> = original.chars().collect();
        let mut at: Vec<(usize, usize, &str)> = edits.iter().map(|e| (e.1, e.2, e.3)).collect();
        at.sort_by_key(|(column, ..)| std::cmp::Reverse(*column));
        for (column, width, text) in at {
            let start = (column - 1).min(applied.len());
            let end = (start + width).min(applied.len());
            applied.splice(start..end, text.chars());
        }
        let applied: String = applied.into_iter().collect();
        let applied = applied
            .split(" //~")
            .next()
            .unwrap_or(&applied)
            .trim()
            .to_owned();
        let why = not_rust(&edits.iter().map(|edit| edit.3).collect::<Vec<_>>());
        if !why.is_empty() {
            found.push(Sketch {
                help: child.message.clone(),
                applied,
                line,
                why,
            });
        }
    }
    found
}

/// Why inserted text is not Rust anyone can write: an `impl Trait` closure
/// parameter, a `/* … */` placeholder for a value nobody has.
fn not_rust(insertions: &[&str]) -> Vec<String> {
    let mut why = Vec::new();
    for text in insertions {
        let closure_parameters = text
            .strip_prefix('|')
            .and_then(|rest| rest.split_once('|'))
            .map(|(parameters, _)| parameters);
        if closure_parameters.is_some_and(|parameters| parameters.contains(": impl ")) {
            why.push(
                "a closure's parameter cannot be declared `impl Trait` (rustc says E0562: \
                 `impl Trait` is not allowed in closure parameters)"
                    .to_owned(),
            );
        }
        if let Some(start) = text.find("/*") {
            let placeholder = text[start..].split("*/").next().unwrap_or_default();
            why.push(format!(
                "`{placeholder}*/` marks an argument you would have to invent"
            ));
        }
    }
    why
}

/// The notes for the lesson of `case`: what the learner is looking at where
/// the compiler's words point away from their code or suggest what cannot be
/// written, and what to write instead. Empty when there is nothing to say.
pub fn notes(case: &Case, suite: &Suite, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut notes = Vec::new();
    let claimed_line = case.claims.iter().find_map(|claim| claim.line);
    let yours = claimed_line.map_or_else(
        || "your code".to_owned(),
        |line| format!("your line {line}"),
    );
    for inside in inside_lazy_main(diagnostics) {
        let item = inside.note.split('`').nth(1).unwrap_or("lazy-main's code");
        let bound = fs::read_to_string(super::root().join(&inside.file))
            .ok()
            .and_then(|text| {
                text.lines()
                    .nth(inside.line - 1)
                    .map(str::trim)
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        let mut note = format!(
            "`{}:{}` is not in your code: it is lazy-main's own source, inside `{item}`, \
             which the attribute's expansion calls. What rustc shows there, `{}`, is the \
             requirement; {yours} is where it is not met, and the line to change.",
            inside.file,
            inside.line,
            bound.trim_end_matches(',')
        );
        if item.ends_with("__private::drive") {
            let path = block_on_path(&case.source).unwrap_or("your function");
            let _ = write!(
                note,
                " With `block_on = {path}`, the attribute hands the body's future and \
                 `{path}` to `drive`: `{path}` must take the future (`F`) and return \
                 its output (`F::Output`), as `lazy_main::block_on` does."
            );
        }
        notes.push(note);
    }
    for sketch in sketches(case, diagnostics) {
        notes.push(format!(
            "rustc's help \"{}\" would make line {} read `{}`. That is a sketch, not Rust: {}.",
            sketch.help,
            sketch.line,
            sketch.applied,
            sketch.why.join("; and ")
        ));
    }
    if !notes.is_empty() {
        if let Some(instead) = what_to_write(case, suite) {
            notes.push(instead);
        }
    }
    notes
}

/// For a `block_on = path` case: the signature its fix gives the function.
fn what_to_write(case: &Case, suite: &Suite) -> Option<String> {
    block_on_path(&case.source)?;
    suite.twins(&case.id).find_map(|twin| {
        let path = block_on_path(&twin.source)?;
        let name = path.rsplit("::").next()?;
        let signature = twin
            .source
            .lines()
            .find(|line| line.trim_start().starts_with(&format!("fn {name}")))?;
        Some(format!(
            "Write instead a function that takes the future and returns its output, \
             as the fix ({}) does: `{}`.",
            twin.path.display(),
            signature.trim().trim_end_matches('{').trim_end()
        ))
    })
}

/// The path after `block_on =` in an attribute of `source`.
fn block_on_path(source: &str) -> Option<&str> {
    let (_, rest) = source.split_once("block_on = ")?;
    let end = rest.find([',', ')']).unwrap_or(rest.len());
    Some(rest[..end].trim())
}
