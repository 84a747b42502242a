//! lazy-main: run `async fn main` with a tiny bundled `block_on`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use lazy_main_macros::{main, main as lazy_main, test};
pub use lazy_main_runtime::block_on;

/// What generated code names; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use lazy_main_runtime::block_on;
    pub use lazy_main_runtime::trace::trace;

    /// Calls a user's `block_on = path` function. Its bound states the whole
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
