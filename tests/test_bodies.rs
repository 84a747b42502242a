//! Bodies and return types: what an attributed `async fn` may return and do,
//! run as a sync call.

mod common;

use std::cell::Cell;
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use common::{double, fail, parse, sleep};

/// Documented, public, and not called `main`.
#[lazy_main::main]
pub async fn any_name() -> u32 {
    double(21).await
}

#[test]
fn runs_any_zero_argument_async_fn() {
    assert_eq!(any_name(), 42);
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

/// `impl Trait` inside the return type, not only at its start.
#[lazy_main::main]
async fn impl_trait_in_a_tuple() -> (impl std::fmt::Debug, u8) {
    (double(2).await, 5)
}

#[test]
fn impl_trait_anywhere_in_the_return_type() {
    assert_eq!(format!("{:?}", impl_trait_in_a_tuple()), "(4, 5)");
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
