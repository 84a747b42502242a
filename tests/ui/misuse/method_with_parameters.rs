// A method may take `self`, but nothing more: the attribute has no value to pass.
struct Meter;

impl Meter {
    #[lazy_main::main]
    async fn read(&self, scale: u8) -> u8 { //~ ERROR cannot take parameters
        scale
    }
}

fn main() {
    let _ = Meter.read(2);
}
