// Twin of lints/track_caller: without `#[track_caller]`, which could not follow the call into the body.
#![deny(warnings)]

#[lazy_main::main]
async fn main() {}
