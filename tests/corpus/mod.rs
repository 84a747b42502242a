//! The trace corpus's parts: the grammar of bodies, the files generated from
//! it, the scratch workspace that compiles them, rustc's diagnostics read
//! whole, and the runs of what compiled.

pub mod diagnostics;
pub mod grammar;
pub mod project;
pub mod render;
pub mod runs;
