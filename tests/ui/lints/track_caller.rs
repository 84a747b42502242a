// `#[track_caller]` cannot follow a call into an async body; rustc says so, as for a plain `async fn`.
#![deny(warnings)]

#[lazy_main::main]
#[track_caller] //~ ERROR ungated_async_fn_track_caller is a no-op
async fn main() {}
