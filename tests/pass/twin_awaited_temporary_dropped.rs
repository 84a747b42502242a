// Twin of body_errors/awaited_temporary_dropped: the output is kept in a variable, then borrowed.
#[lazy_main::main]
async fn main() {
    let owned = std::future::ready(String::from("hi")).await;
    let text: &str = owned.as_str();
    println!("{text}");
}
