// Twin of misuse/test_missing_async: the test is an `async fn`.
#[lazy_main::test]
async fn adds() {
    assert_eq!(1 + 1, 2);
}

fn main() {}
