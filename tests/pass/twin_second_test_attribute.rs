// Twin of misuse/second_test_attribute: only `#[lazy_main::test]`, which makes the one test.
#[lazy_main::test]
async fn adds() {
    assert_eq!(1 + 1, 2);
}

fn main() {}
