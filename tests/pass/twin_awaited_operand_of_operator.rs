// Twin of body_errors/awaited_operand_of_operator: the output is a number, so it negates.
#[lazy_main::main]
async fn main() {
    let n = -std::future::ready(7).await;
    println!("{n}");
}
