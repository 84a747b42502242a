//! The expansion trips no lint on user code: this file is compiled with every
//! lint group denied, by `cargo test` (rustc lints) and by `cargo clippy
//! --all-targets` (clippy's `all`, `pedantic` and `nursery`).

#![deny(
    warnings,
    unused,
    unused_braces,
    unused_qualifications,
    unreachable_code,
    unreachable_pub,
    missing_docs,
    rust_2018_idioms,
    let_underscore_drop
)]
#![deny(clippy::all, clippy::pedantic, clippy::nursery)]

use std::rc::Rc;

/// A one-line body.
#[lazy_main::main]
pub async fn one_line() {
    println!("hello");
}

/// A body on one line, as rustfmt would not leave it: extra braces around it
/// would trip `unused_braces`.
#[rustfmt::skip]
#[lazy_main::main]
pub async fn unused_braces_main() { println!("hello") }

/// Statements `clippy::semicolon_if_nothing_returned` looks at.
#[lazy_main::main]
pub async fn semicolons() {
    const fn item() -> u8 {
        1
    }
    let _x = item();
}

/// A one-line body with a value.
#[lazy_main::main]
pub async fn one_value() -> u8 {
    1
}

/// A `Result` body with `?`.
///
/// # Errors
///
/// When the number does not parse.
///
/// # Panics
///
/// Clippy asks for this section here as for a plain `async fn`: the body asserts.
#[lazy_main::main]
pub async fn result() -> Result<(), std::num::ParseIntError> {
    let n: u8 = "1".parse()?;
    assert_eq!(n, 1);
    Ok(())
}

/// A diverging body.
///
/// # Panics
///
/// Always, as clippy would say of a plain `async fn` too.
#[lazy_main::main]
pub async fn never() -> ! {
    panic!("diverges")
}

/// An explicit `return`, a `!Send` value across `.await`.
#[lazy_main::main]
pub async fn returns() -> usize {
    let shared = Rc::new(1);
    std::future::ready(()).await;
    if *shared > 1 {
        return 0;
    }
    *shared
}

/// A method: its body is an `async move` block.
pub struct Counter(pub u8);

impl Counter {
    /// A receiver and a `return`.
    #[lazy_main::main]
    pub async fn count(&self) -> u8 {
        if self.0 > 10 {
            return 10;
        }
        std::future::ready(self.0).await
    }

    /// `Self` in the signature, one line.
    #[lazy_main::main]
    #[rustfmt::skip]
    pub async fn zero() -> Self { Self(0) }
}

#[cfg(test)]
mod tests {
    #[lazy_main::test]
    async fn one_line_test() {
        super::one_line();
    }

    #[lazy_main::test]
    async fn result_test() -> Result<(), std::num::ParseIntError> {
        super::result()
    }

    #[lazy_main::test]
    #[should_panic = "diverges"]
    async fn never_test() {
        super::never();
    }

    #[rustfmt::skip]
    #[lazy_main::test]
    async fn unused_braces_test() { assert_eq!(1 + 1, 2) }

    #[lazy_main::test]
    async fn values() {
        assert_eq!(super::one_value() as usize, super::returns());
    }
}
