// Twin of body_errors/awaited_value_wrong_type: the binding takes the output's type.
#[lazy_main::main]
async fn main() {
    let number: u8 = std::future::ready(1u8).await;
    println!("{number}");
}
