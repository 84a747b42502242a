// Twin of misuse/test_twice: the attribute once.
#[lazy_main::test]
async fn adds() {
    assert_eq!(1 + 1, 2);
}

fn main() {}
