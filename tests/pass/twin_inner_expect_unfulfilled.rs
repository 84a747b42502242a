// Twin of lints/inner_expect_unfulfilled: the expectation is met by a variable the body leaves unused.
#![deny(warnings)]

#[lazy_main::main]
async fn main() {
    #![expect(unused_variables)]
    let unused = std::future::ready(1).await;
    println!("done");
}
