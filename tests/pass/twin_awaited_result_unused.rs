// Twin of body_errors/awaited_result_unused: the `Result` is handled.
#![deny(unused_must_use)]

#[lazy_main::main]
async fn main() {
    if let Err(code) = std::future::ready(Err::<(), u8>(1)).await {
        println!("failed with {code}");
    }
}
