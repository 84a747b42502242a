// Another runtime's test attribute would drive the same body: choose one.
#[lazy_main::test]
#[tokio::test] //~ ERROR `#[tokio::test]` cannot be combined
async fn adds() {
    assert_eq!(1 + 1, 2);
}

fn main() {}
