// Twin of misuse/parameters_with_self: the scale is fixed in the body, so `read` takes nothing.
struct Meter;

impl Meter {
    fn value() -> u8 {
        7
    }

    #[lazy_main::main]
    async fn read() -> u8 {
        Self::value() * 2
    }
}

fn main() {
    assert_eq!(Meter::read(), 14);
}
