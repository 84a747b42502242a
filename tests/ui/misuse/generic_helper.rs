// A generic function is one error; its callers still type-check against the signature they see.
#[lazy_main::main]
async fn make<T: Default>() -> T { //~ ERROR cannot be generic
    T::default()
}

fn main() {
    let value: u8 = make();
    assert_eq!(value, 0);
}
