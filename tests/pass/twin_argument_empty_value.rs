// Twin of misuse/argument_empty_value: the value goes after the `=`.
#[lazy_main::test(timeout = "5s")]
async fn answers() {
    assert_eq!(std::future::ready(42).await, 42);
}

fn main() {}
