// Twin of misuse/parameters_naming_self: `add` becomes a method, whose lone `self` the attribute accepts.
struct Meter(u8);

impl Meter {
    #[lazy_main::main]
    async fn add(self) -> u8 {
        self.0 + 1
    }
}

fn main() {
    assert_eq!(Meter(1).add(), 2);
}
