// `#[lazy_main::test]` once makes one test.
#[lazy_main::test]
#[lazy_main::test] //~ ERROR is applied twice
async fn adds() {
    assert_eq!(1 + 1, 2);
}

fn main() {}
