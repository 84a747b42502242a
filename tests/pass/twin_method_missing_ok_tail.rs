// Twin of body_errors/method_missing_ok_tail: the body ends in `Ok(())`.
struct Config;

impl Config {
    #[lazy_main::main]
    async fn parse(&self) -> Result<(), std::num::ParseIntError> {
        let _n: u32 = "1".parse()?;
        Ok(())
    }
}

fn main() {
    assert_eq!(Config.parse(), Ok(()));
}
