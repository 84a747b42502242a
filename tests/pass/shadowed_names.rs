// Local items named like the generated code's paths change nothing.
#![allow(dead_code, non_camel_case_types)]

mod lazy_main {}
struct Box;
struct Future;
struct Pin;
struct Result;
fn block_on() {}
fn body() {}

#[::lazy_main::main]
async fn main() {
    let body = 1;
    assert_eq!(body, 1);
}
