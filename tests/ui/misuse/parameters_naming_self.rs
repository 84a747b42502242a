// A parameter typed `Self` is not re-checked next to the error either: still one error.
struct Meter(u8);

impl Meter {
    #[lazy_main::main]
    async fn add(other: Self) -> u8 { //~ ERROR cannot take parameters
        other.0 + 1
    }
}

fn main() {
    let _ = Meter::add(Meter(1));
}
