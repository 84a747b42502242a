// The smallest use: an async main that awaits.
async fn greet() -> &'static str {
    "hello"
}

#[lazy_main::main]
async fn main() {
    assert_eq!(greet().await, "hello");
}
