//! `#[lazy_main::test]`: plain, `Result`, `should_panic`, `ignore`, other
//! attributes kept, and used through `use lazy_main::test`.

mod common;

use common::{double, fail, sleep, Oops};
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

#[allow(clippy::unused_async)] // stands in for real async work
async fn plain_helper() {}
