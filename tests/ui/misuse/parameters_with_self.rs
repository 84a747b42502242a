// In an `impl`, a body that names `Self` is not re-checked next to the error: still one error.
struct Meter;

impl Meter {
    fn value() -> u8 {
        7
    }

    #[lazy_main::main]
    async fn read(scale: u8) -> u8 { //~ ERROR cannot take parameters
        Self::value() * scale
    }
}

fn main() {
    let _ = Meter::read(2);
}
