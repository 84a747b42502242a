// Twin of misuse/other_runtime_test: one runtime's attribute.
#[lazy_main::test]
async fn adds() {
    assert_eq!(1 + 1, 2);
}

fn main() {}
