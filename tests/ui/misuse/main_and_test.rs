// `#[lazy_main::test]` drives an async test by itself; `main` on top of it would drive it again.
#[lazy_main::main]
#[lazy_main::test] //~ ERROR cannot be combined
async fn adds() {
    assert_eq!(1 + 1, 2);
}

fn main() {}
