//! Every shape of attributed function, linted once with the attribute and
//! once as the same plain `async fn` (see `tests/lint_parity.rs`).

use std::future::ready;
use std::rc::Rc;

/// A unit body.
#[lazy_main::main] pub async fn unit() {
    println!("{}", ready(1).await);
}

/// A one-line body.
#[rustfmt::skip]
#[lazy_main::main] pub async fn one_line() -> u8 { ready(1).await }

/// A `Result` body with `?`.
///
/// # Errors
///
/// When the number does not parse.
#[lazy_main::main] pub async fn result() -> Result<u8, Box<dyn std::error::Error>> {
    let n: u8 = ready("1").await.parse()?;
    Ok(n)
}

/// An exit code, from a path.
#[lazy_main::main] pub async fn exit_code() -> std::process::ExitCode {
    if ready(false).await {
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

/// An early `return`, a `!Send` value across `.await`.
#[lazy_main::main] pub async fn early_return() -> usize {
    let shared = Rc::new(1);
    ready(()).await;
    if *shared > 1 {
        return 0;
    }
    *shared
}

/// The unit type, written out.
#[lazy_main::main] pub async fn unit_written() -> () {
    ready(()).await;
}

/// A diverging body.
///
/// # Panics
///
/// Always.
#[lazy_main::main] pub async fn never() -> ! {
    ready(()).await;
    panic!("diverges")
}

/// A lifetime parameter.
#[lazy_main::main] pub async fn first<'a>() -> &'a str {
    ready("first").await
}

/// Methods and associated functions.
#[derive(Debug)]
pub struct Counter(pub u8);

impl Counter {
    /// A receiver and a `return`.
    #[lazy_main::main] pub async fn count(&self) -> u8 {
        if self.0 > 10 {
            return 10;
        }
        ready(self.0).await
    }

    /// `Self` in the signature.
    #[lazy_main::main] pub async fn zero() -> Self {
        Self(ready(0).await)
    }

    /// A receiver by value.
    #[lazy_main::main] pub async fn into_inner(self) -> u8 {
        ready(self.0).await
    }
}

/// A generic impl.
#[derive(Debug)]
pub struct Wrapper<T>(pub T);

impl<T: Clone + Send> Wrapper<T> {
    /// The impl's parameter in the return type.
    #[lazy_main::main] pub async fn get(&self) -> T {
        ready(self.0.clone()).await
    }
}

/// Names every function, so that none is dead code: a name is the same
/// use of a plain `async fn` and of its sync counterpart.
pub fn use_all() {
    let _ = unit;
    let _ = one_line;
    let _ = result;
    let _ = exit_code;
    let _ = early_return;
    let _ = never;
    let _ = first;
    let _ = Counter::count;
    let _ = Counter::zero;
    let _ = Counter::into_inner;
    let _ = Wrapper::<u8>::get;
}

/// An explicit `return` at the end, which clippy calls needless.
#[lazy_main::main] pub async fn needless() -> u8 {
    let n = ready(1).await;
    return n;
}

/// An opaque return type.
#[lazy_main::main] pub async fn shown() -> impl std::fmt::Display {
    ready(7).await
}

/// Names the later functions too.
pub fn use_more() {
    let _ = needless;
    let _ = shown;
}

/// The program's `main` shape: a function named `main`, its body an inner
/// `async fn`.
pub mod program {
    use std::future::ready;

    /// Reads a number, as a program's `main` would.
    #[lazy_main::main] async fn main() -> Result<(), std::num::ParseIntError> {
        let n: u8 = ready("7").await.parse()?;
        assert!(n > 0, "positive");
        Ok(())
    }
}
