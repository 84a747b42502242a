#![doc = include_str!("../README.md")]

/// Runs an `async fn` to completion: `#[lazy_main::main] async fn main()`.
///
/// The attribute turns the `async fn` into a sync `fn` with the same name,
/// visibility, attributes and return type, which drives the body with
/// [`block_on`]. For `main` the body becomes an inner `async fn` with your
/// signature, type-checked exactly as a plain `async fn`, so its errors read
/// the same.
///
/// ```
/// #[lazy_main::main]
/// async fn main() -> Result<(), std::num::ParseIntError> {
///     let n: u32 = std::future::ready("42").await.parse()?;
///     assert_eq!(n, 42);
///     Ok(())
/// }
/// ```
///
/// It works on any zero-argument `async fn`, not only `main`, on a method
/// whose only parameter is `self` (`&self`, `self: Box<Self>`, …), on
/// associated functions (`-> Self`, in generic impls too) and with lifetime
/// parameters: the function becomes a sync function that blocks the calling
/// thread until the body completes. Outside the program's `main`, where the
/// function may be in an impl, the body is an `async move` block typed with
/// the declared return type, so that its errors are still reported in the
/// body; the README's "What it expands to" says what differs. A `main` is
/// taken for the program's only in a binary, when it returns what a
/// program's `main` returns (`()`, `!`, `impl Trait`, `ExitCode`, a
/// `…Result`) and does not name `Self`: a `main` in a generic impl returning
/// `T` is driven as a block. A `where` clause is kept, to bound an impl's
/// parameters or `Self`, but on the program's `main`.
///
/// ```
/// #[lazy_main::main]
/// pub async fn answer() -> u32 {
///     std::future::ready(42).await
/// }
///
/// # fn main() {
/// assert_eq!(answer(), 42); // a sync call
/// # }
/// ```
///
/// # Arguments
///
/// | argument | meaning |
/// |---|---|
/// | `crate = "path"` or `crate = path` | where the `lazy_main` crate is, when it is re-exported or renamed |
/// | `trace` or `trace = "summary"` | report polls, wakes and times on stderr when the body completes; a line while it waits long, or can never be woken |
/// | `trace = "verbose"` | the same, plus one line per poll |
/// | `timeout = "5s"` | a deadline (`ms`, `s`, `m`): past it, panic, naming the `.await` where the body waits |
/// | `block_on = path` or a closure | drive the body with another function: `fn(F) -> F::Output` (not with `timeout`) |
///
/// ## `trace`
///
/// Watch the poll model happen: each poll's outcome, the `.await` where the
/// body waited, who woke the future and how long the thread was parked. It
/// wraps the future and its waker, so it works with any executor, and labels
/// each `.await` of the body with where it is; see [`trace`] for the
/// report's format. Without `trace`, the expansion contains no trace code at
/// all and the body is untouched. While the body waits, a line at 1, 2, 4, 8,
/// … s says where; the moment nothing can wake it, a line says that too.
///
/// ```
/// #[lazy_main::main(trace)]
/// async fn main() {
///     std::future::ready(()).await;
/// }
/// // stderr: lazy_main: `main` ready after 1 poll (0 pending) in 0.0 ms
/// //         lazy_main: woken 0 times (0 from other threads, 0 during poll); parked 0.0 ms, polling 0.0 ms
/// ```
///
/// ## `timeout = "5s"`
///
/// A deadline for the body, in `ms`, `s` or `m`. Past it, the function
/// panics, naming the `.await`s where the body waits and how long it had
/// been parked; and a wake that can never come (the body's poll returned
/// `Pending` and kept no waker) fails it at once. The deadline is
/// cooperative: the executor parks with it, no extra thread, so a poll that
/// computes is checked when it returns. On tests, the environment variable
/// `LAZY_MAIN_TEST_TIMEOUT` gives the same to every test without its own.
///
/// ```should_panic
/// #[lazy_main::main(timeout = "50ms")]
/// async fn waits_on_nothing() {
///     let (_sender, receiver) = std::sync::mpsc::channel::<()>();
///     std::future::poll_fn(|cx| {
///         let _kept = cx.waker().clone(); // kept a moment, and no wake comes
///         match receiver.try_recv() {
///             Ok(()) => std::task::Poll::Ready(()),
///             Err(_) => std::task::Poll::Pending,
///         }
///     })
///     .await;
/// }
///
/// # fn main() {
/// waits_on_nothing(); // panics: `waits_on_nothing` can never finish: …
/// # }
/// ```
///
/// ## `block_on = path`
///
/// Any function that takes the future and returns its output can drive
/// the body instead of the bundled executor: `futures_executor::block_on`,
/// `pollster::block_on`, or your own. A path that does not resolve, or a
/// function with another signature, is one error at the path.
///
/// ```
/// fn my_block_on<F: std::future::Future>(future: F) -> F::Output {
///     println!("driving");
///     lazy_main::block_on(future)
/// }
///
/// #[lazy_main::main(block_on = my_block_on, trace)]
/// async fn main() {
///     std::future::ready(()).await;
/// }
/// ```
///
/// ## `crate = …`
///
/// Generated code names the runtime through `::lazy_main`. If the crate is
/// only reachable under another name, say where:
///
/// ```
/// // As if Cargo.toml said `renamed = { package = "lazy-main", version = "0.1" }`.
/// extern crate lazy_main as renamed;
///
/// #[renamed::main(crate = "renamed")]
/// async fn main() {}
/// ```
///
/// # Errors
///
/// Misuse is one compile error at the offending token, naming the fix:
///
/// ```compile_fail
/// #[lazy_main::main] // error: `#[lazy_main::main]` needs an `async fn`; add `async` before `fn`
/// fn main() {}
/// ```
///
/// ```compile_fail
/// #[lazy_main::main] // error: `#[lazy_main::main]` functions cannot take parameters; remove them
/// async fn main(count: u32) {}
/// ```
pub use lazy_main_macros::main;

/// The same attribute as [`main`], for `use lazy_main::lazy_main; #[lazy_main]`.
///
/// ```
/// use lazy_main::lazy_main;
///
/// #[lazy_main]
/// async fn main() {
///     std::future::ready(()).await;
/// }
/// ```
pub use lazy_main_macros::main as lazy_main;

/// Runs an async test: `#[lazy_main::test] async fn it_works()`.
///
/// Like [`main`], and the function is also marked as a test with
/// `#[::core::prelude::v1::test]`, placed after your own attributes, so
/// `#[should_panic]`, `#[ignore]` and a `Result` return type work as for any
/// test (an `Err` fails it). It takes the same arguments as [`main`].
///
/// ```
/// #[cfg(test)]
/// mod tests {
///     #[lazy_main::test]
///     async fn adds() {
///         assert_eq!(std::future::ready(1 + 1).await, 2);
///     }
///
///     #[lazy_main::test]
///     async fn parses() -> Result<(), std::num::ParseIntError> {
///         let n: u8 = "7".parse()?;
///         assert_eq!(n, 7);
///         Ok(())
///     }
///
///     #[lazy_main::test(trace)]
///     #[should_panic(expected = "boom")]
///     async fn panics() {
///         panic!("boom");
///     }
/// }
/// # fn main() {}
/// ```
///
/// With other test attributes, it behaves as `#[tokio::test]` does: a
/// wrapper below it (`#[test_log::test]`, `#[googletest::test]`,
/// `#[serial_test::serial]`, `#[ntest::timeout(…)]`) stays in place; a test
/// generator (`#[test_case(…)]`, `#[rstest]`) may go above or below it, and
/// each test it generates is driven once; another runtime's attribute
/// (`#[tokio::test]`, …) is one error, in either order.
///
/// A second test attribute is an error, since it would define the test twice:
///
/// ```compile_fail
/// #[lazy_main::test]
/// #[test] // error: a second test attribute is supplied; remove it
/// async fn twice() {}
/// # fn main() {}
/// ```
pub use lazy_main_macros::test;

/// Runs a future to completion on the current thread and returns its output:
/// the executor the attributes use, for sync code that needs one future's
/// result.
///
/// The future is polled on this thread; while it is pending the thread is
/// parked until the future's waker is woken. Anything that implements
/// [`IntoFuture`](core::future::IntoFuture) is accepted. No thread is
/// spawned, nothing is allocated per call, and a panic in the future
/// propagates to the caller. A future that returns `Pending` and keeps no
/// waker waits forever here, as `std::future::pending()` is meant to.
///
/// ```
/// async fn answer() -> u32 {
///     println!("computing");
///     42
/// }
///
/// let future = answer(); // nothing printed yet: the future is lazy
/// assert_eq!(lazy_main::block_on(future), 42); // prints "computing"
/// ```
#[inline]
pub fn block_on<F: core::future::IntoFuture>(future: F) -> F::Output {
    lazy_main_runtime::block_on(future)
}

/// Watch the poll model happen: what `trace` reports, and the pieces it is
/// made of, usable on their own.
///
/// [`Traced`](trace::Traced) wraps a future and its waker, counts polls and
/// wakes, times the waits, and reports on stderr when the future completes.
/// It works under any executor; `#[lazy_main::main(trace)]` wraps the body
/// in it and labels each `.await` with [`at`](trace::at).
///
/// ```
/// use lazy_main::trace::Traced;
///
/// let mut traced = Traced::new("sum", async { 1 + 2 });
/// assert_eq!(lazy_main::block_on(&mut traced), 3); // and two lines on stderr
/// assert_eq!(traced.stats().polls, 1);
/// ```
///
/// [`capture`](trace::capture) collects the report instead of printing it,
/// for tests:
///
/// ```
/// use lazy_main::trace::{capture, Traced};
///
/// let (three, report) = capture(|| lazy_main::block_on(Traced::new("sum", async { 1 + 2 })));
/// assert_eq!(three, 3);
/// assert!(report.starts_with("lazy_main: `sum` ready after 1 poll (0 pending)"));
/// ```
///
/// [`block_on_waits`](trace::block_on_waits) drives a future as the
/// attributes do, failing or reporting while it waits as a
/// [`Waits`](trace::Waits) says:
///
/// ```should_panic
/// use lazy_main::trace::{block_on_waits, Waits};
/// use std::pin::pin;
///
/// // `pending` keeps no waker: nothing can wake it, and a test fails at once.
/// block_on_waits(pin!(std::future::pending::<()>()), &mut Waits::test("stuck"));
/// ```
///
/// The items are those of the `lazy-main-runtime` crate, whose pages they
/// link to; through this crate, they are `lazy_main::trace::…`.
pub mod trace {
    #[doc(no_inline)]
    pub use lazy_main_runtime::trace::*;
}

/// What generated code names; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use lazy_main_runtime::trace::{Site, Traced};

    /// With `trace`, `x.await` becomes
    /// `(Wrap::new)(x).__lazy_main_at(here("x.await")).await`, the method's
    /// name and `here` at the `.` of `.await`. For a future, `__lazy_main_at`
    /// converts it at once, as `.await` does, and notes the site while it is
    /// pending. For anything else, the method is found
    /// through `Deref` on [`Fallback`] and gives back a value of the same
    /// type, so that awaiting it is exactly the error it is without `trace`.
    /// A call (not a method of `x`) so that a type still to be inferred, a
    /// closure's parameter, say, is awaited as without `trace`.
    pub struct Wrap<T>(Fallback<T>);

    /// Where `Wrap` finds `__lazy_main_at` for a value that is not a future.
    pub struct Fallback<T>(T);

    impl<T> Wrap<T> {
        #[inline]
        pub fn new(value: T) -> Self {
            Self(Fallback(value))
        }
    }

    impl<T: ::core::future::IntoFuture> Wrap<T> {
        #[inline]
        pub fn __lazy_main_at(self, site: Site) -> impl ::core::future::Future<Output = T::Output> {
            ::lazy_main_runtime::trace::at(self.0 .0, site)
        }
    }

    /// The site of the `.await` whose `.` this call is written at, with
    /// `excerpt`: the compiler says where, for a `#[track_caller]` function.
    #[inline]
    #[track_caller]
    #[must_use]
    pub fn here(excerpt: &'static str) -> Site {
        let location = ::core::panic::Location::caller();
        Site {
            file: location.file(),
            line: location.line(),
            column: location.column(),
            excerpt,
        }
    }

    impl<T> ::core::ops::Deref for Wrap<T> {
        type Target = Fallback<T>;

        #[inline]
        fn deref(&self) -> &Fallback<T> {
            &self.0
        }
    }

    impl<T> Fallback<T> {
        /// Only type-checked, never run: it is chosen only for a value that
        /// is not a future, and awaiting that does not compile.
        pub fn __lazy_main_at(&self, _site: Site) -> T {
            ::core::unreachable!("a value that is not a future cannot be awaited")
        }
    }

    /// Drives the body. It is inlined into the attributed function and
    /// hands the runtime a `dyn Future`, so that, built in debug mode, a crate
    /// with hundreds of async tests compiles the driving code once per output
    /// type, not once per test; and the call is plain, no `pin!` for the
    /// compiler to expand and type-check at every attributed function.
    #[inline(always)]
    #[allow(clippy::inline_always)] // the point: no function per attributed fn
    pub fn block_on<F: ::core::future::Future>(future: F) -> F::Output {
        let future: ::core::pin::Pin<&mut dyn ::core::future::Future<Output = F::Output>> =
            ::core::pin::pin!(future);
        ::lazy_main_runtime::block_on_pinned(future)
    }

    pub use lazy_main_runtime::trace::Waits;

    /// Drives a test's body: as [`block_on`], and a wake that can never come
    /// fails the test at once, as does the deadline of
    /// `LAZY_MAIN_TEST_TIMEOUT`, if set. Compiled once per output type, as
    /// `block_on` is.
    #[inline(always)]
    #[allow(clippy::inline_always)] // the point: no function per attributed fn
    pub fn test<F: ::core::future::Future>(label: &'static str, future: F) -> F::Output {
        // Not through `run`: one function per test to inline, not two.
        let future: ::core::pin::Pin<&mut dyn ::core::future::Future<Output = F::Output>> =
            ::core::pin::pin!(future);
        ::lazy_main_runtime::trace::block_on_test(label, future)
    }

    /// Drives the body, doing what `waits` says while it waits. A failure's
    /// "panicked at" names the function, with `trace` or `timeout`: not
    /// `test`, where that would cost each test a location to build.
    #[inline(always)]
    #[allow(clippy::inline_always)] // the point: no function per attributed fn
    #[track_caller]
    pub fn run<F: ::core::future::Future>(mut waits: Waits, future: F) -> F::Output {
        let future: ::core::pin::Pin<&mut dyn ::core::future::Future<Output = F::Output>> =
            ::core::pin::pin!(future);
        ::lazy_main_runtime::trace::block_on_waits(future, &mut waits)
    }

    /// A value of any type, for a `return` that is never taken: it gives an
    /// `async move` block the function's return type before its body is
    /// checked, so that errors in the body are reported in the body.
    #[inline]
    #[must_use]
    pub fn unreachable<T>() -> T {
        ::core::unreachable!()
    }

    /// Calls a user's `block_on = path` function. The bound states the whole
    /// signature at once, so a wrong function is one error, at the path.
    #[inline]
    pub fn drive<F, E>(future: F, executor: E) -> F::Output
    where
        F: ::core::future::Future,
        E: ::core::ops::FnOnce(F) -> F::Output,
    {
        executor(future)
    }
}
