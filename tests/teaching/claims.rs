//! The `//~` claims a case makes about the diagnostics it gets, written the
//! way rustc's own ui tests write them:
//!
//! ```text
//! let n = compute().await; //~ ERROR E0728 only allowed inside `async`
//! //~^ ERROR E0728          (the line above; `^^` two lines above, ...)
//! //~| WARN unused_must_use (the same line as the claim before)
//! //~? ERROR E0601          (a diagnostic that points at no line)
//! ```
//!
//! After the level (`ERROR` or `WARN`) comes the error code or lint name the
//! diagnostic must have, then optional key words that its message must
//! contain. Columns are not claimed: they move between compiler versions.

use std::fmt;

/// Error or warning: the two levels a case must account for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
        })
    }
}

/// One `//~` line: a diagnostic the case says it gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// The line the diagnostic points at (1-based); `None` for `//~?`.
    pub line: Option<usize>,
    pub level: Level,
    /// `E0728`, or a lint name such as `unused_must_use`.
    pub code: Option<String>,
    /// Words the message must contain; may be empty.
    pub words: String,
    /// Where the claim is written (1-based), for messages.
    pub written_on: usize,
}

impl Claim {
    /// Whether a diagnostic with these properties satisfies the claim.
    pub fn matches(
        &self,
        level: Level,
        code: Option<&str>,
        message: &str,
        line: Option<usize>,
    ) -> bool {
        self.level == level
            && self.line == line
            && self.code.as_deref() == code
            && message.contains(&self.words)
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.level)?,
            None => write!(f, "no line: {}", self.level)?,
        }
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if !self.words.is_empty() {
            write!(f, " \"{}\"", self.words)?;
        }
        Ok(())
    }
}

/// Every claim in `source`, or what is wrong with the way they are written.
pub fn parse(source: &str) -> Result<Vec<Claim>, Vec<String>> {
    let mut claims: Vec<Claim> = Vec::new();
    let mut problems = Vec::new();
    for (index, text) in source.lines().enumerate() {
        let written_on = index + 1;
        let Some(at) = text.find("//~") else {
            continue;
        };
        let rest = &text[at + 3..];
        let (line, rest) = if let Some(rest) = rest.strip_prefix('|') {
            let Some(previous) = claims.last() else {
                problems.push(format!("line {written_on}: `//~|` needs a claim before it"));
                continue;
            };
            (previous.line, rest)
        } else if let Some(rest) = rest.strip_prefix('?') {
            (None, rest)
        } else {
            let carets = rest.len() - rest.trim_start_matches('^').len();
            let Some(line) = written_on.checked_sub(carets).filter(|line| *line > 0) else {
                problems.push(format!(
                    "line {written_on}: `//~{}` points above the file",
                    "^".repeat(carets)
                ));
                continue;
            };
            (Some(line), &rest[carets..])
        };
        match parse_rest(rest) {
            Ok((level, code, words)) => claims.push(Claim {
                line,
                level,
                code,
                words,
                written_on,
            }),
            Err(problem) => problems.push(format!("line {written_on}: {problem}")),
        }
    }
    if problems.is_empty() {
        Ok(claims)
    } else {
        Err(problems)
    }
}

/// `ERROR E0728 key words` -> level, code, key words.
fn parse_rest(rest: &str) -> Result<(Level, Option<String>, String), String> {
    let rest = rest.trim();
    let (level, rest) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let level = match level {
        "ERROR" => Level::Error,
        "WARN" | "WARNING" => Level::Warning,
        other => {
            return Err(format!(
                "expected `ERROR` or `WARN` after `//~`, found `{other}`"
            ))
        }
    };
    let rest = rest.trim();
    let (first, words) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    if is_code(first) {
        Ok((level, Some(first.to_owned()), words.trim().to_owned()))
    } else {
        Ok((level, None, rest.to_owned()))
    }
}

/// `E0728`, or a lint name: lower case with an underscore (`unused_must_use`),
/// possibly a tool's (`clippy::needless_return`).
fn is_code(word: &str) -> bool {
    let error_code =
        word.len() == 5 && word.starts_with('E') && word[1..].bytes().all(|b| b.is_ascii_digit());
    let lint = word.contains('_')
        && word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b':');
    error_code || lint
}
