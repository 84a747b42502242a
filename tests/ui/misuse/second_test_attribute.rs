// `#[lazy_main::test]` already makes the function a test; `#[test]` would make a second.
#[lazy_main::test]
#[test] //~ ERROR a second test attribute is supplied
async fn adds() {
    assert_eq!(1 + 1, 2);
}

fn main() {}
