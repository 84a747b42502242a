// Twin of misuse/test_with_parameters: the values come from inside the test.
#[lazy_main::test]
async fn adds() {
    let (left, right) = (1, 1);
    assert_eq!(left + right, 2);
}

fn main() {}
