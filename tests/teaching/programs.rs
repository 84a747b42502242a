//! Every program the project compiles besides the compile-fail cases — the
//! pass cases, the examples that use the attribute, the README's complete
//! programs — and their `trace` variants: the same source with `trace` (or
//! `trace = "verbose"`) added to each lazy-main attribute, mechanically.

use std::fs;
use std::path::{Path, PathBuf};

use super::cases::{sorted_entries, Pass};

/// Where a program comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `tests/pass/*.rs`.
    Pass,
    /// `examples/*.rs` (compiled as a copy).
    Example,
    /// A ```` ```rust ```` block of the README.
    Readme,
}

/// A program that must compile without a warning and run.
#[derive(Clone, Debug)]
pub struct Program {
    /// `twin_sync_main`, `examples/trace`, `README.md:41`.
    pub id: String,
    pub origin: Origin,
    /// Relative to the package root: the file it is, or is taken from.
    pub path: PathBuf,
    pub source: String,
    /// A test file: built as `cargo test` builds it and run as its harness.
    pub test: bool,
    /// The editions it is built in: all, unless an `// edition:` line among
    /// its first comments names one.
    pub editions: Vec<&'static str>,
}

impl Program {
    pub fn from_pass(pass: &Pass) -> Self {
        Self {
            id: pass.name.clone(),
            origin: Origin::Pass,
            path: pass.path.clone(),
            source: pass.source.clone(),
            test: pass.is_test(),
            editions: super::cases::editions(&pass.source)
                .unwrap_or_else(|_| super::compiler::EDITIONS.to_vec()),
        }
    }

    /// Its target's name in a generated project (a pass case's is the one
    /// `learn` uses).
    pub fn bin(&self) -> String {
        match self.origin {
            Origin::Pass => format!("pass-{}", self.id),
            Origin::Example => format!("example-{}", self.id.trim_start_matches("examples/")),
            Origin::Readme => format!("readme-{}", self.id.trim_start_matches("README.md:")),
        }
    }

    /// Whether it is selected by `filter`: its id, or `examples` / `README.md`
    /// for all of a kind.
    pub fn selected_by(&self, filter: &str) -> bool {
        let filter = filter.trim_end_matches('/');
        self.id == filter
            || self.id.split(['/', ':']).next() == Some(filter)
            || self.path.with_extension("") == Path::new(filter)
    }
}

/// The examples that use a lazy-main attribute.
pub fn examples() -> Vec<Program> {
    let root = super::root();
    sorted_entries(&root.join("examples"))
        .into_iter()
        .filter(|file| file.extension().is_some_and(|ext| ext == "rs"))
        .filter_map(|file| {
            let source = fs::read_to_string(&file).ok()?;
            let stem = file.file_stem()?.to_string_lossy().into_owned();
            (!attribute_lines(&source).is_empty()).then(|| Program {
                id: format!("examples/{stem}"),
                origin: Origin::Example,
                path: file.strip_prefix(root).unwrap_or(&file).to_path_buf(),
                test: is_test(&source),
                editions: super::compiler::EDITIONS.to_vec(),
                source,
            })
        })
        .collect()
}

/// The README's ```` ```rust ```` blocks (not `rust,ignore`): the complete
/// programs (with a `main`, or test files: tests and no `main`), and the
/// starting lines of the others, which are fragments.
pub fn readme_programs(readme: &str) -> (Vec<Program>, Vec<usize>) {
    let mut programs = Vec::new();
    let mut fragments = Vec::new();
    let mut lines = readme.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        if line.trim_end() != "```rust" {
            continue;
        }
        let start = index + 1; // 1-based line of the fence
        let mut source = String::new();
        for (_, line) in lines.by_ref() {
            if line.starts_with("```") {
                break;
            }
            source += line;
            source.push('\n');
        }
        let has_main = source.lines().any(|line| {
            let line = line.trim_start();
            [
                "fn main(",
                "async fn main(",
                "pub fn main(",
                "pub async fn main(",
            ]
            .iter()
            .any(|start| line.starts_with(start))
        });
        let test = !has_main && is_test(&source);
        if has_main || test {
            programs.push(Program {
                id: format!("README.md:{start}"),
                origin: Origin::Readme,
                path: PathBuf::from("README.md"),
                source,
                test,
                editions: super::compiler::EDITIONS.to_vec(),
            });
        } else {
            fragments.push(start);
        }
    }
    (programs, fragments)
}

/// Whether `source` holds a test: `#[lazy_main::test]` or `#[test]`.
pub fn is_test(source: &str) -> bool {
    source.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("#[lazy_main::test") || line.starts_with("#[test]")
    })
}

/// How much a variant traces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trace {
    Off,
    On,
    Verbose,
}

impl Trace {
    /// The argument it adds; `None` for `Off`.
    pub fn argument(self) -> Option<&'static str> {
        match self {
            Trace::Off => None,
            Trace::On => Some("trace"),
            Trace::Verbose => Some("trace = \"verbose\""),
        }
    }

    /// The prefix of its variants' names.
    pub fn name(self) -> &'static str {
        match self {
            Trace::Off => "untraced",
            Trace::On => "trace",
            Trace::Verbose => "verbose",
        }
    }
}

/// The attribute paths rewritten: lazy-main's attributes as programs write them.
const ATTRIBUTES: [&str; 6] = [
    "lazy_main::main",
    "lazy_main::test",
    "lazy_main::lazy_main",
    "::lazy_main::main",
    "::lazy_main::test",
    "lazy_main",
];

/// The (0-based) lines that start with a lazy-main attribute.
pub fn attribute_lines(source: &str) -> Vec<usize> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| attribute_path(line.trim_start()).is_some())
        .map(|(index, _)| index)
        .collect()
}

/// The attribute's path if `line` starts with one of lazy-main's: `#[path]`
/// or `#[path(`.
fn attribute_path(line: &str) -> Option<&'static str> {
    let inner = line.strip_prefix("#[")?;
    ATTRIBUTES.into_iter().find(|path| {
        inner
            .strip_prefix(path)
            .is_some_and(|rest| rest.starts_with(']') || rest.starts_with('('))
    })
}

/// `source` with every lazy-main attribute's `trace` argument set as
/// `trace` says: removed, then `trace` or `trace = "verbose"` appended to the
/// argument list (which is added if there is none). Only the attribute lines
/// change, so every other line and column stays where it was. `Ok(None)`
/// without a lazy-main attribute; `Err` for an attribute that cannot be
/// rewritten mechanically (one that spans lines).
pub fn with_trace(source: &str, trace: Trace) -> Result<Option<String>, String> {
    let attributes = attribute_lines(source);
    if attributes.is_empty() {
        return Ok(None);
    }
    let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
    for index in attributes {
        let line = &lines[index];
        let indent = &line[..line.len() - line.trim_start().len()];
        let text = line.trim_start();
        let path = attribute_path(text).expect("an attribute line");
        let after_path = &text[2 + path.len()..];
        let (arguments, rest) = if let Some(open) = after_path.strip_prefix('(') {
            let close = closing_paren(open).ok_or_else(|| {
                format!(
                    "line {}: the attribute's arguments do not close on its line",
                    index + 1
                )
            })?;
            let rest = open[close + 1..]
                .strip_prefix(']')
                .ok_or_else(|| format!("line {}: no `]` after the arguments", index + 1))?;
            (split_arguments(&open[..close]), rest)
        } else {
            (Vec::new(), &after_path[1..])
        };
        let mut kept: Vec<String> = arguments
            .into_iter()
            .filter(|argument| !is_trace_argument(argument))
            .collect();
        kept.extend(trace.argument().map(str::to_owned));
        let attribute = if kept.is_empty() {
            format!("#[{path}]")
        } else {
            format!("#[{path}({})]", kept.join(", "))
        };
        lines[index] = format!("{indent}{attribute}{rest}");
    }
    Ok(Some(lines.join("\n") + "\n"))
}

/// The index of the `)` that closes an argument list starting after its `(`.
fn closing_paren(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (index, ch) in text.char_indices() {
        if in_string {
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' if depth == 0 => return Some(index),
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The arguments of a list, split at top-level commas, trimmed, empty ones
/// (a stray comma) dropped.
fn split_arguments(text: &str) -> Vec<String> {
    let mut arguments = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for ch in text.chars() {
        if in_string {
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else {
            match ch {
                '"' => in_string = true,
                '(' | '[' | '{' | '<' => depth += 1,
                ')' | ']' | '}' | '>' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    arguments.push(std::mem::take(&mut current));
                    continue;
                }
                _ => {}
            }
        }
        current.push(ch);
    }
    arguments.push(current);
    arguments
        .into_iter()
        .map(|argument| argument.trim().to_owned())
        .filter(|argument| !argument.is_empty())
        .collect()
}

/// `trace`, or `trace = …`.
fn is_trace_argument(argument: &str) -> bool {
    argument
        .strip_prefix("trace")
        .is_some_and(|rest| rest.is_empty() || rest.trim_start().starts_with('='))
}
