//! rustc's diagnostics, whole: level, code, message, every span (line,
//! column, label, suggested replacement, the macros it came through) and
//! every child, so that two variants can be compared field by field.

use std::fmt::Write as _;

use serde_json::Value;

/// The generated file a diagnostic is read against.
pub struct File<'a> {
    /// As rustc names it: relative to the workspace root.
    pub relative_path: &'a str,
    /// The lines whose text differs between variants.
    pub attribute_lines: &'a [usize],
}

impl File<'_> {
    /// `text` with the file's path (it names the variant) as `<corpus>`.
    fn normalize(&self, text: &str) -> String {
        text.replace(self.relative_path, "<corpus>")
    }
}

/// One diagnostic, or one of its children.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Diagnostic {
    pub level: String,
    pub code: Option<String>,
    pub message: String,
    pub spans: Vec<Span>,
    pub children: Vec<Diagnostic>,
    /// The lines of the generated file it may be about: its primary span's,
    /// then those of the macro calls it came from, outwards (an error in the
    /// prelude's `fut!` is about the body that called it); then the same for
    /// its other spans.
    pub lines: Vec<usize>,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Span {
    /// `<corpus>:12:5-12:9`, or a file outside the corpus.
    pub location: String,
    pub primary: bool,
    pub label: Option<String>,
    pub replacement: Option<String>,
    pub applicability: Option<String>,
    /// The macros it came through, innermost first, with where each was called.
    pub expansion: Vec<String>,
}

/// The diagnostic in one of cargo's `compiler-message`s, unless it is a
/// summary ("aborting due to …", "2 warnings emitted", "For more information …").
pub fn parse(message: &Value, file: &File) -> Option<Diagnostic> {
    let level = message["level"].as_str()?;
    let text = message["message"].as_str()?;
    let no_spans = message["spans"].as_array().map_or(true, Vec::is_empty);
    if level == "failure-note" || (no_spans && is_summary(text)) {
        return None;
    }
    Some(diagnostic(message, file))
}

fn is_summary(message: &str) -> bool {
    message.starts_with("aborting due to")
        || message.starts_with("Some errors have detailed explanations")
        || message.starts_with("For more information about")
        || (message.ends_with(" emitted") && message.contains("warning"))
}

fn diagnostic(message: &Value, file: &File) -> Diagnostic {
    let spans = message["spans"].as_array().map_or(&[][..], Vec::as_slice);
    let lines = spans
        .iter()
        .filter(|span| span["is_primary"].as_bool() == Some(true))
        .chain(spans.iter())
        .flat_map(|span| lines_in_file(span, file))
        .collect();
    Diagnostic {
        level: text(&message["level"]),
        code: message["code"]["code"].as_str().map(str::to_owned),
        message: file.normalize(&text(&message["message"])),
        spans: spans.iter().map(|span| self::span(span, file)).collect(),
        children: message["children"]
            .as_array()
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|child| !is_lint_level_note(child))
            .map(|child| diagnostic(child, file))
            .collect(),
        lines,
    }
}

/// "`#[warn(unused_parens)]` (part of `#[warn(unused)]`) on by default":
/// rustc says it once per crate, at the lint's first warning, so it moves
/// to another body when an earlier one gains or loses that warning (a
/// difference reported there).
fn is_lint_level_note(child: &Value) -> bool {
    child["message"]
        .as_str()
        .is_some_and(|message| message.starts_with("`#[") && message.ends_with(" on by default"))
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn span(span: &Value, file: &File) -> Span {
    let mut expansion = Vec::new();
    let mut outer = &span["expansion"];
    while !outer.is_null() {
        expansion.push(format!(
            "{} at {}",
            outer["macro_decl_name"].as_str().unwrap_or("?"),
            location(&outer["span"], file)
        ));
        outer = &outer["span"]["expansion"];
    }
    Span {
        location: location(span, file),
        primary: span["is_primary"].as_bool() == Some(true),
        label: span["label"].as_str().map(|label| file.normalize(label)),
        replacement: span["suggested_replacement"]
            .as_str()
            .map(|replacement| file.normalize(replacement)),
        applicability: span["suggestion_applicability"].as_str().map(str::to_owned),
        expansion,
    }
}

fn is_corpus(span: &Value, file: &File) -> bool {
    span["file_name"]
        .as_str()
        .is_some_and(|name| name == file.relative_path || name.ends_with(file.relative_path))
}

/// `file:line:column-line:column`; in the generated file, a span that
/// touches an attribute line keeps its lines only, since that line's text
/// is what differs.
fn location(span: &Value, file: &File) -> String {
    let number = |key: &str| span[key].as_u64().unwrap_or_default();
    let (line_start, line_end) = (number("line_start"), number("line_end"));
    let (column_start, column_end) = (number("column_start"), number("column_end"));
    if !is_corpus(span, file) {
        let name = span["file_name"].as_str().unwrap_or("?");
        let root = super::project::root();
        let name = name.replace(&*root.to_string_lossy(), "<lazy-main>");
        return format!("{name}:{line_start}:{column_start}-{line_end}:{column_end}");
    }
    let on_attribute = [line_start, line_end]
        .iter()
        .any(|&line| usize::try_from(line).is_ok_and(|line| file.attribute_lines.contains(&line)));
    if on_attribute {
        format!("<corpus>:{line_start}:*-{line_end}:*")
    } else {
        format!("<corpus>:{line_start}:{column_start}-{line_end}:{column_end}")
    }
}

/// The lines of `span` and of the macro calls it came from, in the
/// generated file.
fn lines_in_file(span: &Value, file: &File) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut span = span;
    while !span.is_null() {
        if is_corpus(span, file) {
            lines.extend(
                span["line_start"]
                    .as_u64()
                    .and_then(|line| usize::try_from(line).ok()),
            );
        }
        span = &span["expansion"]["span"];
    }
    lines
}

impl Diagnostic {
    /// The diagnostic as text, one field a line, for diffs.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        self.write(0, &mut lines);
        lines
    }

    fn write(&self, depth: usize, lines: &mut Vec<String>) {
        let indent = "    ".repeat(depth);
        let code = self
            .code
            .as_ref()
            .map(|code| format!("[{code}]"))
            .unwrap_or_default();
        for (index, text) in self.message.lines().enumerate() {
            if index == 0 {
                lines.push(format!("{indent}{}{code}: {text}", self.level));
            } else {
                lines.push(format!("{indent}  | {text}"));
            }
        }
        for span in &self.spans {
            let mut line = format!(
                "{indent}  {} {}",
                if span.primary { "-->" } else { "---" },
                span.location
            );
            if let Some(label) = &span.label {
                let _ = write!(line, " label {label:?}");
            }
            if let Some(replacement) = &span.replacement {
                let _ = write!(line, " replace with {replacement:?}");
            }
            if let Some(applicability) = &span.applicability {
                let _ = write!(line, " ({applicability})");
            }
            lines.push(line);
            for expansion in &span.expansion {
                lines.push(format!("{indent}        in {expansion}"));
            }
        }
        for child in &self.children {
            child.write(depth + 1, lines);
        }
    }

    fn primary_locations(&self) -> Vec<&str> {
        self.spans
            .iter()
            .filter(|span| span.primary)
            .map(|span| span.location.as_str())
            .collect()
    }
}

/// The differences the labelling cannot avoid, each asserted narrowly.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Known {
    /// See [`is_known_move`].
    Move,
    /// See [`is_known_call_label`].
    CallLabel,
    /// See [`is_known_unknown_type`].
    UnknownType,
}

impl Known {
    pub const ALL: [Known; 3] = [Known::Move, Known::CallLabel, Known::UnknownType];

    /// For the summary: what differs, and what is still the same.
    pub fn describe(self) -> &'static str {
        match self {
            Known::Move => {
                "moves of an awaited variable (plain rustc says \"moved due to this await\", \
                 with `trace` \"value moved here\"; code, message, primary span and the rest \
                 the same)"
            }
            Known::CallLabel => {
                "an awaited call's future that cannot be awaited (with `trace`, no label \
                 \"this call returns `…`\" on the call; code, message, primary span and the \
                 rest the same)"
            }
            Known::UnknownType => {
                "an awaited value whose type is not known where it is awaited (both fail, at \
                 the same tokens or, from rustc 1.99, with `trace` at the `.` of that `.await`; \
                 the type-annotations error's code and words differ, or `trace` adds a second \
                 error, at that `.`, naming its bound)"
            }
        }
    }
}

/// The known difference between the two lists, if that is all that differs.
pub fn known_difference(plain: &[Diagnostic], traced: &[Diagnostic]) -> Option<Known> {
    if plain.len() == traced.len() {
        let mut found = None;
        for (plain, traced) in plain.iter().zip(traced) {
            let known = if plain == traced {
                continue;
            } else if is_known_move(plain, traced) {
                Known::Move
            } else if is_known_call_label(plain, traced) {
                Known::CallLabel
            } else if is_known_unknown_type(plain, traced) {
                Known::UnknownType
            } else {
                return None;
            };
            if found.is_some_and(|found| found != known) {
                return None;
            }
            found = Some(known);
        }
        return found;
    }
    is_known_second_error(plain, traced).then_some(Known::UnknownType)
}

/// A future the body cannot await (one that is not `Unpin` behind a `Box`,
/// say) made by a call: rustc labels the call "this call returns `T`", a
/// label it gives only where the awaited expression is the call itself; with
/// `trace` the call is the wrapper's argument. All else must be the same.
pub fn is_known_call_label(plain: &Diagnostic, traced: &Diagnostic) -> bool {
    let without = |diagnostic: &Diagnostic| {
        let mut diagnostic = diagnostic.clone();
        diagnostic.spans.retain(|span| {
            !span
                .label
                .as_deref()
                .is_some_and(|label| label.starts_with("this call returns `"))
        });
        diagnostic.lines.clear();
        diagnostic
    };
    plain.level == "error"
        && plain.spans.len() == traced.spans.len() + 1
        && without(plain) == without(traced)
}

/// An awaited value whose type rustc cannot infer (`Default::default()`):
/// plain rustc reports the call to `into_future` the `.await` makes, "cannot
/// call associated function on trait" (E0790), while with `trace` it is the
/// wrapper's argument, "type annotations needed" (E0283 or E0282). Both are
/// errors with the same primary span, or, as rustc 1.99 and later place it,
/// the traced one at the `.` of the `.await`, right where the plain one
/// (the operand) ends.
pub fn is_known_unknown_type(plain: &Diagnostic, traced: &Diagnostic) -> bool {
    const ANNOTATIONS: [&str; 3] = ["E0790", "E0283", "E0282"];
    let is_annotation = |diagnostic: &Diagnostic| {
        diagnostic.level == "error"
            && diagnostic
                .code
                .as_deref()
                .is_some_and(|code| ANNOTATIONS.contains(&code))
    };
    is_annotation(plain)
        && is_annotation(traced)
        && traced.message == "type annotations needed"
        && match (
            &plain.primary_locations()[..],
            &traced.primary_locations()[..],
        ) {
            (plain, traced) if plain == traced => true,
            ([plain], [at_the_dot]) => ends_where(plain, at_the_dot),
            _ => false,
        }
}

/// A variable whose type is known only after the `.await` (`let f =
/// todo!();`, then `f.await`): where plain rustc gives one "is not a
/// future" error, `trace` gives it too and, before it, one more at the `.`
/// of that `.await` that names the wrapper's bound. Every other diagnostic
/// must be the same.
fn is_known_second_error(plain: &[Diagnostic], traced: &[Diagnostic]) -> bool {
    let names_the_bound = |diagnostic: &Diagnostic| {
        diagnostic.children.iter().any(|child| {
            child
                .message
                .starts_with("required by a bound in `lazy_main::__private::Wrap")
        })
    };
    let Some(extra) = traced.iter().position(names_the_bound) else {
        return false;
    };
    let mut rest = traced.to_vec();
    let second = rest.remove(extra);
    plain.len() == rest.len()
        && plain.iter().zip(&rest).all(|(plain, traced)| {
            plain == traced
                || (plain.level == "error"
                    && plain.code == traced.code
                    && plain.message == traced.message
                    && plain.message.ends_with("is not a future")
                    && second.message == plain.message
                    && second.primary_locations().len() == 1
                    && ends_where(second.primary_locations()[0], plain.primary_locations()[0])
                    && plain.primary_locations() == traced.primary_locations())
        })
}

/// Whether the span `before` (`<corpus>:3:9-3:10`) ends where `after` starts.
fn ends_where(before: &str, after: &str) -> bool {
    let end = before.rsplit_once('-').map(|(_, end)| end);
    let start = after
        .split_once('-')
        .and_then(|(start, _)| start.split_once(':'))
        .map(|(_, start)| start);
    end.is_some() && end == start
}

/// The awaited operand is a variable that is used again after `.await` moved it. rustc
/// labels the move "`x` moved due to this await", with a note on
/// `into_future` (and, for some types, a help to clone); with `trace` the
/// move is into the wrapper's call, "value moved here" (in a loop, on the
/// primary span, with a help to move the expression out of the loop; for a
/// type of the crate, a note that it could implement `Clone`). Level, code,
/// message and primary span must be the same; every other span and child
/// must be the same too, in any order, but for those labels and children.
pub fn is_known_move(plain: &Diagnostic, traced: &Diagnostic) -> bool {
    if plain.level != traced.level
        || plain.code != traced.code
        || plain.message != traced.message
        || plain.primary_locations() != traced.primary_locations()
    {
        return false;
    }
    let plain_moves = plain
        .spans
        .iter()
        .filter(|span| is_move_label(span, PLAIN_LABELS))
        .count();
    let spans = |diagnostic: &Diagnostic, labels| {
        let mut spans: Vec<Span> = diagnostic
            .spans
            .iter()
            .filter(|span| span.primary || !is_move_label(span, labels))
            .cloned()
            .map(|mut span| {
                if is_move_label(&span, labels) {
                    span.label = None;
                }
                span
            })
            .collect();
        spans.sort_by(|a, b| (&a.location, &a.label).cmp(&(&b.location, &b.label)));
        spans
    };
    plain_moves > 0
        && spans(plain, PLAIN_LABELS) == spans(traced, TRACED_LABELS)
        && only_in(plain, traced)
            .iter()
            .all(|child| says_any(child, PLAIN_CHILDREN))
        && only_in(traced, plain)
            .iter()
            .all(|child| says_any(child, TRACED_CHILDREN))
}

/// Plain's labels for the move, after the moved place's name.
const PLAIN_LABELS: &[&str] = &["moved due to this await"];
/// Plain's children: the note on `into_future` (worded "`into_future`
/// takes …" in 1.95, "the `await` is desugared into a call to
/// `std::future::IntoFuture::into_future`, which takes …" in 1.100), a help
/// to clone.
const PLAIN_CHILDREN: &[&str] = &[
    "takes ownership of the receiver `self`, which moves",
    "you can `clone` the value and consume it, but this might not be your desired behavior",
];
/// With `trace`: the move into the wrapper's call.
const TRACED_LABELS: &[&str] = &["value moved here"];
/// With `trace`: helps to move the expression out of a loop, or to clone.
const TRACED_CHILDREN: &[&str] = &[
    "consider moving the expression out of the loop so it is only moved once",
    "implemented `Clone`, you could clone the value",
    "consider cloning the value if the performance cost is acceptable",
];

fn is_move_label(span: &Span, labels: &[&str]) -> bool {
    span.label.as_deref().is_some_and(|label| {
        let label = unquoted(label);
        labels.iter().any(|words| label.starts_with(words))
    })
}

fn says_any(child: &Diagnostic, words: &[&str]) -> bool {
    words.iter().any(|words| child.message.contains(words))
}

/// The children of `diagnostic` that `other` lacks (counting repeats).
fn only_in<'a>(diagnostic: &'a Diagnostic, other: &Diagnostic) -> Vec<&'a Diagnostic> {
    let mut unmatched: Vec<&Diagnostic> = other.children.iter().collect();
    let mut only = Vec::new();
    for child in &diagnostic.children {
        match unmatched.iter().position(|candidate| *candidate == child) {
            Some(index) => {
                unmatched.remove(index);
            }
            None => only.push(child),
        }
    }
    only
}

/// "`f` moved due to this await" without "`f` ".
fn unquoted(label: &str) -> &str {
    label
        .strip_prefix('`')
        .and_then(|rest| rest.split_once("` "))
        .map_or(label, |(_, rest)| rest)
}
