// `#![expect(…)]` at the top of the body must be fulfilled by the body, as on a plain async fn: here nothing is unused.
#![deny(warnings)]

#[lazy_main::main]
async fn main() {
    #![expect(unused_variables)] //~ ERROR unfulfilled_lint_expectations this lint expectation is unfulfilled
    let used = std::future::ready(1).await;
    println!("{used}");
}
