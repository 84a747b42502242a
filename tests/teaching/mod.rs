//! The teaching suite's machinery, shared by its checks (`tests/ui.rs`) and
//! the lesson (`examples/learn.rs`): the cases and their twins, the `//~`
//! claims written in them, live compiler output, and texts side by side.

pub mod cases;
pub mod claims;
pub mod compiler;
pub mod lesson;
pub mod parity;
pub mod programs;
pub mod reading;
pub mod report;
pub mod text;

use std::path::Path;

/// The facade package's directory; case paths are relative to it.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The toolchain whose wording the `.stderr` snapshots hold.
pub const BLESSED: &str = "1.95";

/// Whether `version` (`rustc 1.95.0 (…)`) is the toolchain the snapshots were blessed with.
pub fn is_blessed(version: &str) -> bool {
    version.starts_with(&format!("rustc {BLESSED}."))
}
