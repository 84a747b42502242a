// Twin of misuse/generic_helper: the helper names its type, so the attribute can call it.
#[lazy_main::main]
async fn make() -> u8 {
    u8::default()
}

fn main() {
    let value: u8 = make();
    assert_eq!(value, 0);
}
