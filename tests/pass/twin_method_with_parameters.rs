// Twin of misuse/method_with_parameters: the value lives in `self`, the one parameter the method keeps.
struct Meter {
    scale: u8,
}

impl Meter {
    #[lazy_main::main]
    async fn read(&self) -> u8 {
        self.scale
    }
}

fn main() {
    assert_eq!(Meter { scale: 2 }.read(), 2);
}
