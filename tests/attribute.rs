//! The attributes on valid programs: what must compile and how it behaves.

use std::cell::Cell;
use std::fmt;
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::mpsc;
use std::task::Poll;
use std::thread;
use std::time::Duration;

/// Pending once; a helper thread wakes it after `delay`.
async fn sleep(delay: Duration) {
    let mut started = false;
    std::future::poll_fn(|cx| {
        if started {
            return Poll::Ready(());
        }
        started = true;
        let waker = cx.waker().clone();
        thread::spawn(move || {
            thread::sleep(delay);
            waker.wake();
        });
        Poll::Pending
    })
    .await;
}

async fn double(x: u32) -> u32 {
    sleep(Duration::from_millis(1)).await;
    x * 2
}

/// Documented, public, and not called `main`.
#[lazy_main::main]
pub async fn any_name() -> u32 {
    double(21).await
}

#[test]
fn runs_any_zero_argument_async_fn() {
    assert_eq!(any_name(), 42);
}

#[derive(Debug)]
struct Oops;

impl fmt::Display for Oops {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("oops")
    }
}

impl std::error::Error for Oops {}

fn parse(text: &str) -> Result<u32, std::num::ParseIntError> {
    text.parse()
}

async fn fail(fail: bool) -> Result<(), Oops> {
    if fail {
        Err(Oops)
    } else {
        Ok(())
    }
}

#[lazy_main::main]
async fn question_mark_on_several_error_types() -> Result<u32, Box<dyn std::error::Error>> {
    let n = parse("20")?;
    fail(false).await?;
    let m = double(n).await + parse("2")?;
    fail(m != 42).await?;
    Ok(m)
}

#[lazy_main::main]
async fn question_mark_error_is_returned() -> Result<(), Box<dyn std::error::Error>> {
    fail(true).await?;
    unreachable!()
}

#[test]
fn result_and_question_mark() {
    assert_eq!(question_mark_on_several_error_types().unwrap(), 42);
    assert_eq!(
        question_mark_error_is_returned().unwrap_err().to_string(),
        "oops"
    );
}

#[lazy_main::main]
async fn exit_code() -> ExitCode {
    sleep(Duration::ZERO).await;
    ExitCode::from(3)
}

#[lazy_main::main]
async fn impl_termination() -> impl std::process::Termination {
    sleep(Duration::ZERO).await;
}

#[test]
fn exit_code_and_impl_termination() {
    assert_eq!(
        format!("{:?}", exit_code()),
        format!("{:?}", ExitCode::from(3))
    );
    let report = std::process::Termination::report(impl_termination());
    assert_eq!(format!("{report:?}"), format!("{:?}", ExitCode::SUCCESS));
}

thread_local! {
    static TAKE_EARLY_RETURN: Cell<bool> = const { Cell::new(false) };
}

#[lazy_main::main]
async fn early_return() -> &'static str {
    if TAKE_EARLY_RETURN.get() {
        return "early";
    }
    sleep(Duration::ZERO).await;
    "late"
}

#[test]
fn early_return_returns_from_the_body() {
    assert_eq!(early_return(), "late");
    TAKE_EARLY_RETURN.set(true);
    assert_eq!(early_return(), "early");
}

#[lazy_main::main]
async fn never_returns() -> ! {
    sleep(Duration::ZERO).await;
    panic!("the body diverges")
}

#[test]
#[should_panic(expected = "the body diverges")]
fn never_type() {
    never_returns();
}

#[lazy_main::main]
async fn not_send() -> usize {
    let shared = Rc::new(Cell::new(0));
    for _ in 0..3 {
        sleep(Duration::ZERO).await; // `Rc` held across `.await`
        shared.set(shared.get() + 1);
    }
    shared.get()
}

#[lazy_main::main]
async fn nested_block_on() -> u32 {
    let inner = lazy_main::block_on(double(1));
    sleep(Duration::ZERO).await;
    inner + lazy_main::block_on(async { double(2).await })
}

#[test]
fn non_send_and_nested() {
    assert_eq!(not_send(), 3);
    assert_eq!(nested_block_on(), 6);
}

#[lazy_main::main]
async fn waits_for_another_thread() -> u32 {
    let (send, receive) = mpsc::channel();
    let worker = thread::spawn(move || send.send(7).unwrap());
    sleep(Duration::from_millis(5)).await;
    worker.join().unwrap();
    receive.recv().unwrap()
}

#[test]
fn waits_on_helper_threads() {
    assert_eq!(waits_for_another_thread(), 7);
}

/// The test attribute: plain, `Result`, `should_panic`, `ignore`, other attributes kept.
mod test_attribute {
    use super::{double, fail, sleep, Oops};
    use std::time::Duration;

    #[lazy_main::test]
    async fn plain() {
        assert_eq!(double(4).await, 8);
    }

    #[lazy_main::test]
    async fn returns_ok() -> Result<(), Oops> {
        fail(false).await?;
        Ok(())
    }

    // Ignored because it fails: libtest reports the `Err`. `err_is_returned` checks it.
    #[lazy_main::test]
    #[ignore = "fails on purpose"]
    async fn returns_err() -> Result<(), Oops> {
        sleep(Duration::ZERO).await;
        fail(true).await
    }

    #[test]
    fn err_is_returned() {
        assert!(returns_err().is_err());
    }

    #[lazy_main::test]
    #[should_panic(expected = "boom")]
    async fn should_panic() {
        sleep(Duration::ZERO).await;
        panic!("boom");
    }

    #[lazy_main::test]
    #[ignore = "shows that #[ignore] is kept"]
    async fn ignored() {
        panic!("an ignored test ran");
    }

    #[lazy_main::test]
    #[cfg(any())]
    async fn configured_out() {
        compile_error!("this test is configured out");
    }

    // `use lazy_main::test` shadows the built-in `#[test]`; ours still works.
    mod shadowed {
        use lazy_main::test;

        #[test]
        async fn via_use() {
            super::plain_helper().await;
        }
    }

    async fn plain_helper() {}
}

/// `crate = ...` names the facade where it is re-exported.
mod renamed {
    pub mod reexport {
        pub use lazy_main as facade;
    }

    #[lazy_main::main(crate = "crate::renamed::reexport::facade")]
    pub async fn string_path() -> u8 {
        1
    }

    #[lazy_main::main(crate = crate::renamed::reexport::facade)]
    pub async fn bare_path() -> u8 {
        2
    }

    #[lazy_main::test(crate = "self::reexport::facade")]
    async fn test_with_crate_path() {}
}

#[test]
fn crate_argument() {
    assert_eq!(renamed::string_path() + renamed::bare_path(), 3);
}

/// Local items with the names generated code could clash with.
#[allow(dead_code, non_camel_case_types)]
mod clashing_names {
    mod lazy_main {}
    struct Box;
    struct Future;
    struct Pin;
    struct Result;
    struct core;
    struct std;
    fn block_on() {}
    fn body() {}
    fn __private() {}

    #[::lazy_main::main]
    pub async fn clashes() -> u8 {
        let body = 1;
        body + 1
    }
}

#[test]
fn hygiene_with_clashing_names() {
    assert_eq!(clashing_names::clashes(), 2);
}

#[no_implicit_prelude]
mod no_prelude {
    #[::lazy_main::main]
    pub async fn without_prelude() -> ::core::primitive::u8 {
        7
    }
}

#[test]
fn hygiene_without_prelude() {
    assert_eq!(no_prelude::without_prelude(), 7);
}

/// Generated from a `macro_rules!` macro, with fragments for every part.
macro_rules! async_fn {
    ($(#[$attr:meta])* $vis:vis async fn $name:ident() -> $ret:ty $body:block) => {
        #[lazy_main::main]
        $(#[$attr])*
        $vis async fn $name() -> $ret $body
    };
}

async_fn! {
    /// From a macro.
    pub async fn from_macro() -> u32 { double(5).await }
}

#[test]
fn inside_macro_rules() {
    assert_eq!(from_macro(), 10);
}

struct Counter;

impl Counter {
    async fn get() -> u8 {
        9
    }

    /// An associated function may use `Self`.
    #[lazy_main::main]
    async fn run() -> u8 {
        Self::get().await
    }

    /// With `Self`, `?` and an early `return` too.
    #[lazy_main::main]
    async fn parse() -> Result<u8, std::num::ParseIntError> {
        let text = if TAKE_EARLY_RETURN.get() { "" } else { "1" };
        if text.is_empty() {
            return Ok(Self::get().await);
        }
        let n: u8 = text.parse()?;
        Ok(n + Self::get().await)
    }
}

#[test]
fn associated_function_with_self() {
    assert_eq!(Counter::run(), 9);
    assert_eq!(Counter::parse(), Ok(10));
}

/// `block_on = path`: another executor drives the body.
mod other_executors {
    use std::cell::Cell;
    use std::future::Future;

    thread_local! {
        static DRIVEN_BY_OURS: Cell<usize> = const { Cell::new(0) };
    }

    fn counting_block_on<F: Future>(future: F) -> F::Output {
        DRIVEN_BY_OURS.set(DRIVEN_BY_OURS.get() + 1);
        lazy_main::block_on(future)
    }

    #[lazy_main::main(block_on = futures_executor::block_on)]
    pub async fn on_futures_executor() -> u32 {
        super::double(4).await
    }

    #[lazy_main::main(block_on = counting_block_on, trace, crate = "::lazy_main")]
    pub async fn on_a_user_function() -> u32 {
        super::double(5).await
    }

    #[lazy_main::test(block_on = futures_executor::block_on)]
    async fn test_on_futures_executor() {
        assert_eq!(super::double(1).await, 2);
    }

    #[test]
    fn the_named_function_drives_the_body() {
        assert_eq!(on_futures_executor(), 8);
        let before = DRIVEN_BY_OURS.get();
        assert_eq!(on_a_user_function(), 10);
        assert_eq!(DRIVEN_BY_OURS.get(), before + 1);
    }
}

/// `trace` wraps the body; the result is unchanged.
#[lazy_main::main(trace = "verbose")]
async fn traced() -> u32 {
    double(3).await
}

#[lazy_main::test(trace)]
async fn traced_test() {
    assert_eq!(double(2).await, 4);
}

#[test]
fn trace_keeps_the_result() {
    assert_eq!(traced(), 6);
}

/// A method with a lone `self` receiver, as in a trait impl.
mod receivers {
    trait Describe {
        fn describe(self) -> String;
        fn shout(&self) -> String;
    }

    struct Name(&'static str);

    impl Describe for Name {
        #[lazy_main::main]
        async fn describe(self) -> String {
            std::future::ready(format!("name {}", self.0)).await
        }

        #[lazy_main::main]
        async fn shout(&self) -> String {
            self.describe_ref().await.to_uppercase()
        }
    }

    impl Name {
        async fn describe_ref(&self) -> String {
            format!("name {}", self.0)
        }

        #[lazy_main::main]
        async fn length(self: Box<Self>) -> usize {
            self.0.len()
        }
    }

    #[test]
    fn methods_drive_their_body() {
        assert_eq!(Name("ferris").describe(), "name ferris");
        assert_eq!(Name("ferris").shout(), "NAME FERRIS");
        assert_eq!(Box::new(Name("ferris")).length(), 6);
    }
}

/// Bodies that end in a diverging statement, and `unreachable_code` allowed by the user.
mod diverging {
    #[lazy_main::main]
    pub async fn panics_with_result() -> std::io::Result<()> {
        panic!("diverges");
    }

    #[allow(unreachable_code)]
    #[lazy_main::test]
    async fn returns_before_panicking() -> std::io::Result<()> {
        return Ok(());
        panic!("unreachable");
    }

    #[test]
    #[should_panic(expected = "diverges")]
    fn result_body_may_diverge() {
        let _ = panics_with_result();
    }
}
