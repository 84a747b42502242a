//! The cases on disk: `tests/ui/<group>/<name>.rs` must fail to compile with
//! the diagnostics they claim; `tests/pass/*.rs` must compile and run. A pass
//! case whose first line reads `// Twin of <group>/<name>: …` is the fix of
//! that compile-fail case (several may be named, joined by `and`).

use std::fs;
use std::path::{Path, PathBuf};

use super::claims::{self, Claim};
use super::compiler::{Project, EDITIONS};

/// A compile-fail case.
pub struct Case {
    /// `group/name`, e.g. `await_outside_async/sync_main`.
    pub id: String,
    pub group: String,
    /// Relative to the package root: `tests/ui/<group>/<name>.rs`.
    pub path: PathBuf,
    pub source: String,
    pub claims: Vec<Claim>,
    /// The editions it is compiled in: every one the suite knows
    /// (`compiler::EDITIONS`), unless an `// edition: 2024` line among its
    /// first comment lines names the one where its claims hold.
    pub editions: Vec<&'static str>,
    /// `// before rustc: 1.100`: the rustc minor version from which rustc
    /// reports this code otherwise (a lint become an error, say), so that
    /// its claims hold only before it; the suite says where it is not run.
    pub before: Option<u32>,
}

/// A pass case.
pub struct Pass {
    /// The file's stem, e.g. `twin_sync_main`.
    pub name: String,
    pub path: PathBuf,
    pub source: String,
    /// The compile-fail cases it is the fix of.
    pub twin_of: Vec<String>,
}

/// Every case, and everything wrong with how they are written.
pub struct Suite {
    pub cases: Vec<Case>,
    pub passes: Vec<Pass>,
    pub problems: Vec<String>,
}

impl Suite {
    pub fn load() -> Self {
        let root = super::root();
        let mut suite = Suite {
            cases: Vec::new(),
            passes: Vec::new(),
            problems: Vec::new(),
        };
        for group in sorted_entries(&root.join("tests/ui")) {
            if !group.is_dir() {
                continue;
            }
            for file in sorted_entries(&group) {
                if file.extension().is_some_and(|ext| ext == "rs") {
                    suite.load_case(root, &file);
                }
            }
        }
        for file in sorted_entries(&root.join("tests/pass")) {
            if file.extension().is_some_and(|ext| ext == "rs") {
                suite.load_pass(root, &file);
            }
        }
        for pass in &suite.passes {
            for id in &pass.twin_of {
                if suite.case(id).is_none() {
                    suite.problems.push(format!(
                        "{}: twin of `{id}`, which is not a case in tests/ui",
                        pass.path.display()
                    ));
                }
            }
        }
        for case in &suite.cases {
            if suite.twins(&case.id).next().is_none() {
                suite.problems.push(format!(
                    "{}: no twin; add tests/pass/twin_{}.rs whose first line is \
                     `// Twin of {}: <what the fix does>`",
                    case.path.display(),
                    case.id.rsplit('/').next().unwrap_or_default(),
                    case.id
                ));
            }
        }
        suite
    }

    fn load_case(&mut self, root: &Path, file: &Path) {
        let path = file.strip_prefix(root).unwrap_or(file).to_path_buf();
        let group = file_name(file.parent().unwrap_or(root));
        let id = format!("{group}/{}", stem(file));
        let source = read(file);
        let claims = match claims::parse(&source) {
            Ok(claims) => claims,
            Err(problems) => {
                for problem in problems {
                    self.problems.push(format!("{}: {problem}", path.display()));
                }
                Vec::new()
            }
        };
        if claims.is_empty() {
            self.problems.push(format!(
                "{}: claims no diagnostic; mark the lines that fail with `//~ ERROR <code>`",
                path.display()
            ));
        }
        let editions = match editions(&source) {
            Ok(editions) => editions,
            Err(problem) => {
                self.problems.push(format!("{}: {problem}", path.display()));
                EDITIONS.to_vec()
            }
        };
        let before = match before_rustc(&source) {
            Ok(before) => before,
            Err(problem) => {
                self.problems.push(format!("{}: {problem}", path.display()));
                None
            }
        };
        self.cases.push(Case {
            id,
            group,
            path,
            source,
            claims,
            editions,
            before,
        });
    }

    fn load_pass(&mut self, root: &Path, file: &Path) {
        let source = read(file);
        let twin_of = source
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("// Twin of "))
            .and_then(|rest| rest.split_once(':'))
            .map(|(ids, _)| ids.split(" and ").map(|id| id.trim().to_owned()).collect())
            .unwrap_or_default();
        self.passes.push(Pass {
            name: stem(file),
            path: file.strip_prefix(root).unwrap_or(file).to_path_buf(),
            source,
            twin_of,
        });
    }

    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|case| case.id == id)
    }

    /// The fixes of a case.
    pub fn twins<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Pass> + 'a {
        self.passes
            .iter()
            .filter(move |pass| pass.twin_of.iter().any(|of| of == id))
    }

    /// The pass cases that go with `cases`: all of them with the whole suite,
    /// else the fixes of `cases`, each once.
    pub fn passes_for(&self, cases: &[&Case]) -> Vec<&Pass> {
        self.passes
            .iter()
            .filter(|pass| {
                cases.len() == self.cases.len()
                    || cases.iter().any(|case| pass.twin_of.contains(&case.id))
            })
            .collect()
    }

    /// The filters that select no case.
    pub fn unmatched<'a>(&self, filters: &'a [String]) -> Vec<&'a String> {
        filters
            .iter()
            .filter(|filter| self.select(std::slice::from_ref(filter)).is_empty())
            .collect()
    }

    /// The known names closest to a filter that selects nothing (a
    /// misspelt `coloring`): groups, case names and ids, nearest first.
    pub fn did_you_mean(&self, filter: &str) -> Vec<String> {
        let filter = filter.trim_end_matches(".rs").trim_end_matches('/');
        let mut known: Vec<String> = Vec::new();
        for case in &self.cases {
            let name = case.id.rsplit('/').next().unwrap_or_default();
            for candidate in [&case.group, name, &case.id] {
                if !known.iter().any(|known| known == candidate) {
                    known.push(candidate.to_owned());
                }
            }
        }
        // Close enough to be a slip: a third of the letters may differ.
        let allowed = (filter.chars().count() / 3).max(1);
        let mut near: Vec<(usize, String)> = known
            .into_iter()
            .map(|candidate| (edit_distance(filter, &candidate), candidate))
            .filter(|(distance, _)| *distance <= allowed)
            .collect();
        near.sort();
        near.into_iter().map(|(_, candidate)| candidate).collect()
    }

    /// Cases selected by `filters` (each a case id such as `misuse/on_struct`,
    /// a name, a group, or a path); all of them if there is no filter.
    pub fn select(&self, filters: &[String]) -> Vec<&Case> {
        self.cases
            .iter()
            .filter(|case| {
                filters.is_empty()
                    || filters.iter().any(|filter| {
                        let filter = filter.trim_end_matches(".rs").trim_end_matches('/');
                        case.id == filter
                            || case.group == filter
                            || case.id.ends_with(&format!("/{filter}"))
                            || case.path.with_extension("") == Path::new(filter)
                    })
            })
            .collect()
    }
}

impl Case {
    /// The first comment lines: what the case teaches.
    pub fn teaches(&self) -> String {
        comment_lines(&self.source)
    }

    /// The case's bin name in a generated project.
    pub fn bin(&self) -> String {
        format!("case-{}", self.id.replace('/', "-"))
    }

    /// The one `#[lazy_main::…]` function's body: where its `{` is (line and
    /// column, 1-based) and the line of its `}`. `None` if there is not
    /// exactly one attributed function with a body.
    pub fn attributed_body(&self) -> Option<((usize, usize), usize)> {
        attributed_body(&self.source)
    }

    /// The source with the attribute line changed by `change`, every other
    /// line and column where it was; `None` without one attributed function.
    pub fn with_attribute_replaced(
        &self,
        mut change: impl FnMut(&str) -> String,
    ) -> Option<String> {
        let lines: Vec<&str> = self.source.lines().collect();
        let [attribute] = attribute_lines(&lines)[..] else {
            return None;
        };
        let line = lines[attribute];
        let indent = &line[..line.len() - line.trim_start().len()];
        let mut derived: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        derived[attribute] = format!("{indent}{}", change(line.trim()));
        Some(derived.join("\n") + "\n")
    }
}

impl Case {
    /// The source with its attributed `async fn main` renamed `hlpr` (as
    /// long, so every column stays) and called from a new sync `main`: the
    /// same body as a helper function, which the attribute drives as an
    /// `async move` block. `None` unless the attributed function is `main`.
    pub fn as_helper(&self) -> Option<String> {
        let lines: Vec<&str> = self.source.lines().collect();
        let [attribute] = attribute_lines(&lines)[..] else {
            return None;
        };
        let signature = lines.get(attribute + 1)?;
        if !signature.contains("async fn main(") {
            return None;
        }
        let mut derived: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        derived[attribute + 1] = signature.replacen("async fn main(", "async fn hlpr(", 1);
        Some(derived.join("\n") + "\n\nfn main() {\n    let _ = hlpr();\n}\n")
    }
}

/// The one `#[lazy_main::…]` function's body in `source`: where its `{` is
/// (line and column, 1-based) and the line of its `}`. `None` if there is
/// not exactly one attributed function with a body.
pub fn attributed_body(source: &str) -> Option<((usize, usize), usize)> {
    let lines: Vec<&str> = source.lines().collect();
    let [attribute] = attribute_lines(&lines)[..] else {
        return None;
    };
    body_lines(&lines, attribute + 1)
}

/// The (0-based) lines holding `#[lazy_main::main…]` or `#[lazy_main::test…]`.
fn attribute_lines(lines: &[&str]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, line)| {
            let line = line.trim();
            line.starts_with("#[lazy_main::main") || line.starts_with("#[lazy_main::test")
        })
        .map(|(index, _)| index)
        .collect()
}

impl Pass {
    /// What the fix does: the first line after `Twin of …:`, or the first comment.
    pub fn explains(&self) -> String {
        let comment = comment_lines(&self.source);
        match comment.split_once(':') {
            Some((head, rest)) if head.starts_with("Twin of ") => rest.trim().to_owned(),
            _ => comment,
        }
    }

    /// Its target's name in a generated project.
    pub fn bin(&self) -> String {
        format!("pass-{}", self.name)
    }

    /// Whether it is a test file (a `#[lazy_main::test]` or `#[test]`
    /// function in it): compiled as `cargo test` compiles it, where its
    /// tests exist, and run as a test harness. Built as a plain program, its
    /// tests would be compiled out, errors and all.
    pub fn is_test(&self) -> bool {
        super::programs::is_test(&self.source)
    }

    /// Adds it to `project`: as a test target if it is a test file, else as a bin.
    pub fn add_to(&self, project: &mut Project) {
        let path = super::root().join(&self.path);
        if self.is_test() {
            project.add_test(&self.bin(), &path);
        } else {
            project.add(&self.bin(), &path);
        }
    }
}

/// Where the body of the function starting at line `from` (0-based) opens
/// (line and column of its `{`) and the line where it closes, 1-based.
/// Braces in strings, characters and comments are rare in cases; lines with
/// them still count.
fn body_lines(lines: &[&str], from: usize) -> Option<((usize, usize), usize)> {
    let mut depth = 0usize;
    let mut nesting = 0usize; // `(` and `[` before the body
    let mut open = None;
    for (index, line) in lines.iter().enumerate().skip(from) {
        let code = line.split("//").next().unwrap_or_default();
        for (column, ch) in code.chars().enumerate() {
            match ch {
                '(' | '[' if depth == 0 => nesting += 1,
                ')' | ']' if depth == 0 => nesting = nesting.saturating_sub(1),
                '{' => {
                    open.get_or_insert((index + 1, column + 1));
                    depth += 1;
                }
                '}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some((open?, index + 1));
                    }
                }
                ';' if depth == 0 && nesting == 0 => return None, // a declaration without a body
                _ => {}
            }
        }
    }
    None
}

/// Letters to insert, delete, replace or swap (adjacent) to turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // rows[i][j]: the distance between a[..i] and b[..j].
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let replace = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = replace.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// The value of the `// <key>` line among a case's first comment lines:
/// `None` without one, an error with more than one.
fn header<'a>(source: &'a str, key: &str) -> Result<Option<&'a str>, String> {
    let named: Vec<&str> = source
        .lines()
        .map_while(|line| line.strip_prefix("//"))
        .filter_map(|line| line.trim().strip_prefix(key))
        .map(str::trim)
        .collect();
    match named[..] {
        [] => Ok(None),
        [value] => Ok(Some(value)),
        _ => Err(format!("more than one `// {key}` line")),
    }
}

/// The editions a case is compiled in: all of them, or the one named by an
/// `// edition: <year>` line among its first comment lines.
pub fn editions(source: &str) -> Result<Vec<&'static str>, String> {
    let Some(year) = header(source, "edition:")? else {
        return Ok(EDITIONS.to_vec());
    };
    EDITIONS
        .iter()
        .find(|edition| **edition == year)
        .map(|edition| vec![*edition])
        .ok_or_else(|| {
            format!(
                "`// edition: {year}`: the suite compiles in editions {}",
                EDITIONS.join(" and ")
            )
        })
}

/// The minor version named by a `// before rustc: 1.<minor>` line among the
/// first comment lines, if any.
pub fn before_rustc(source: &str) -> Result<Option<u32>, String> {
    let Some(version) = header(source, "before rustc:")? else {
        return Ok(None);
    };
    version
        .strip_prefix("1.")
        .and_then(|minor| minor.parse().ok())
        .map(Some)
        .ok_or_else(|| format!("`// before rustc: {version}`: write `1.<minor>`"))
}

/// The minor version in `rustc 1.95.0 (…)`.
pub fn rustc_minor(version: &str) -> Option<u32> {
    version
        .split_whitespace()
        .nth(1)?
        .split('.')
        .nth(1)?
        .parse()
        .ok()
}

fn comment_lines(source: &str) -> String {
    source
        .lines()
        .map_while(|line| line.strip_prefix("//"))
        .filter(|line| {
            let line = line.trim();
            !line.starts_with('~')
                && !line.starts_with("edition:")
                && !line.starts_with("before rustc:")
        })
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

fn read(file: &Path) -> String {
    fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
