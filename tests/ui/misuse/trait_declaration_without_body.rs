// In a trait, the attribute goes on the method's body, in the impl, not on its declaration.
trait Fetch {
    #[lazy_main::main]
    async fn fetch(&self) -> u8; //~ ERROR needs a body to drive
}

fn main() {}
