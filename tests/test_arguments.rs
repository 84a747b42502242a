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

/// `block_on` takes any path to a function, turbofish and qualified paths
/// included, or a closure.
mod paths_and_closures {
    use std::future::Future;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn generic<F: Future>(future: F) -> F::Output {
        lazy_main::block_on(future)
    }

    pub trait Exec {
        fn run<F: Future>(future: F) -> F::Output;
    }

    pub struct Bundled;

    impl Exec for Bundled {
        fn run<F: Future>(future: F) -> F::Output {
            lazy_main::block_on(future)
        }
    }

    #[lazy_main::main(block_on = generic::<_>)]
    pub async fn turbofish() -> u32 {
        super::double(1).await
    }

    #[lazy_main::main(block_on = <Bundled as Exec>::run)]
    pub async fn qualified() -> u32 {
        super::double(2).await
    }

    pub static CLOSURE_CALLS: AtomicUsize = AtomicUsize::new(0);

    #[lazy_main::main(block_on = |future| {
        CLOSURE_CALLS.fetch_add(1, Ordering::Relaxed);
        Bundled::run(future)
    }, trace)]
    pub async fn closure() -> u32 {
        super::double(3).await
    }

    pub struct Executor {
        name: &'static str,
    }

    impl Executor {
        fn drive<F: Future>(&self, future: F) -> F::Output {
            assert_eq!(self.name, "bundled");
            generic(future)
        }
    }

    #[lazy_main::main(block_on = move |future| Executor { name: "bundled" }.drive(future))]
    pub async fn move_closure() -> u32 {
        super::double(4).await
    }
}

#[test]
fn block_on_takes_paths_and_closures() {
    assert_eq!(paths_and_closures::turbofish(), 2);
    assert_eq!(paths_and_closures::qualified(), 4);
    assert_eq!(paths_and_closures::closure(), 6);
    assert_eq!(
        paths_and_closures::CLOSURE_CALLS.load(std::sync::atomic::Ordering::Relaxed),
        1
    );
    assert_eq!(paths_and_closures::move_closure(), 8);
}
