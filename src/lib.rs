//! lazy-main: run `async fn main` with a tiny bundled `block_on`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use lazy_main_macros::{main, main as lazy_main, test};
pub use lazy_main_runtime::block_on;

/// What generated code names; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use lazy_main_runtime::block_on;
}
