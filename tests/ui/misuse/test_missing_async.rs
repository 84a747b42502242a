// `#[lazy_main::test]` also needs an `async fn`.
#[lazy_main::test]
fn adds() { //~ ERROR needs an `async fn`
    assert_eq!(1 + 1, 2);
}

fn main() {}
