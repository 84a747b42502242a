//! The arguments: `crate = …`, `block_on = …`, `trace`.

mod common;

use common::double;

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
