// Tests are called with no arguments.
#[lazy_main::test]
async fn adds(left: u32, right: u32) { //~ ERROR test functions cannot take parameters
    assert_eq!(left + right, 2);
}

fn main() {}
