// Twin of body_errors/awaited_method_not_found: the method is the output's own, `to_uppercase`.
#[lazy_main::main]
async fn main() {
    let n = std::future::ready(String::from("a")).await.to_uppercase();
    println!("{n}");
}
