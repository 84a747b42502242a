// Twin of misuse/main_and_test and misuse/test_and_main: `#[lazy_main::test]` alone makes the async test.
#[lazy_main::test]
async fn adds() {
    assert_eq!(1 + 1, 2);
}

fn main() {}
