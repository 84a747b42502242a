// In a method the body is an `async move` block; its errors still read as in a plain `async fn`.
struct Config;

impl Config {
    #[lazy_main::main]
    async fn check(&self) -> Result<(), String> {
        String::from("fine") //~ ERROR E0308 mismatched types
    }
}

fn main() {
    let _ = Config.check();
}
