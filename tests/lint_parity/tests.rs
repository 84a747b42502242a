//! Tests, linted once with the attribute and once as the same plain
//! `async fn` (see `tests/lint_parity.rs`).

use std::future::ready;

/// Parses.
///
/// # Errors
///
/// When the text is not a number.
pub fn parse(text: &str) -> Result<u8, std::num::ParseIntError> {
    text.parse()
}

#[cfg(test)]
mod tests {
    use super::{parse, ready};

    #[lazy_main::test] async fn unit_test() {
        assert_eq!(ready(1).await, 1);
    }

    #[lazy_main::test] async fn unit_written_test() -> () {
        assert_eq!(ready(1).await, 1);
    }

    #[lazy_main::test] async fn result_test() -> Result<(), std::num::ParseIntError> {
        let n = parse(ready("1").await)?;
        assert_eq!(n, 1);
        Ok(())
    }

    #[lazy_main::test] #[should_panic = "diverges"] async fn panics_test() {
        ready(()).await;
        panic!("diverges");
    }

    /// Names each test twice: as plain `async fn`s they would otherwise be
    /// dead code, or called once (`clippy::single_call_fn`), which a test
    /// run by the harness is not.
    pub fn names() {
        let _ = [unit_test, unit_test];
        let _ = [unit_written_test, unit_written_test];
        let _ = [result_test, result_test];
        let _ = [panics_test, panics_test];
    }
}

/// Makes the tests' names reachable.
#[cfg(test)]
pub fn use_tests() {
    tests::names();
}
