// Twin of body_errors/awaited_code_unreachable: the `return` is a statement of its own.
#![deny(unreachable_code)]

#[lazy_main::main]
async fn main() {
    let n: u8 = std::future::ready(1).await;
    if n > 5 {
        return;
    }
    println!("{n}");
}
