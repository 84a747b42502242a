// A method's body that forgets `Ok(())` is reported at the body, once.
struct Config;

impl Config {
    #[lazy_main::main]
    async fn parse(&self) -> Result<(), std::num::ParseIntError> { //~ ERROR E0308 mismatched types
        let _n: u32 = "1".parse()?;
    }
}

fn main() {
    let _ = Config.parse();
}
