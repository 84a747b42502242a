// The other order: still two attributes that each drive the body.
#[lazy_main::test]
#[lazy_main::main] //~ ERROR cannot be combined
async fn adds() {
    assert_eq!(1 + 1, 2);
}

fn main() {}
