//! Learn from the errors: for one case of the teaching suite, or a whole
//! group, what it teaches, what your compiler says about it now, and the fix
//! (its passing twin, shown as a diff against the broken code), which is then
//! run. Everything is compiled live, offline, by the toolchain you run this
//! with, so it is true for your compiler, whatever its version.
//!
//! ```text
//! cargo run --example learn                               # every case, by group
//! cargo run --example learn -- sync_main                  # one case
//! cargo run --example learn -- await_outside_async        # a whole group
//! cargo +beta run --example learn -- lazy_futures         # another compiler's words
//! ```

#[allow(dead_code)] // shared with the teaching suite, which uses other parts
#[path = "../tests/teaching/mod.rs"]
mod teaching;

use std::io::IsTerminal;
use std::process::ExitCode;

use teaching::cases::Suite;
use teaching::compiler;
use teaching::lesson;

fn main() -> ExitCode {
    let filters: Vec<String> = std::env::args().skip(1).collect();
    let suite = Suite::load();
    if filters.is_empty() {
        print!("{}", lesson::listing(&suite));
        return ExitCode::SUCCESS;
    }
    if !suite.unmatched(&filters).is_empty() {
        eprintln!("{}", lesson::no_match(&suite, &filters));
        return ExitCode::FAILURE;
    }
    let cases = suite.select(&filters);
    let paint = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let project = lesson::project("learn", cases.iter().copied(), &suite);
    let version = compiler::rustc_version();
    eprintln!(
        "compiling {} case(s) and their fixes with {version} ...",
        cases.len()
    );
    let built = match project.build(paint) {
        Ok(built) => built,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let mut as_expected = true;
    for case in &cases {
        let (text, expected) = lesson::lesson(case, &suite, &built, &version, paint);
        print!("{text}");
        as_expected &= expected;
    }
    if as_expected {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
