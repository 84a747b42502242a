// An awaited output is a temporary: a borrow of it cannot outlive the statement.
#[lazy_main::main]
async fn main() {
    let text: &str = std::future::ready(String::from("hi")).await.as_str(); //~ ERROR E0716 temporary value dropped while borrowed
    println!("{text}");
}
