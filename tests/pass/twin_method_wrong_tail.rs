// Twin of body_errors/method_wrong_tail: the tail is the declared `Result<(), String>`.
struct Config;

impl Config {
    #[lazy_main::main]
    async fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

fn main() {
    assert_eq!(Config.check(), Ok(()));
}
