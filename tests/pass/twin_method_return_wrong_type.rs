// Twin of body_errors/method_return_wrong_type: the early `return` gives an `ExitCode` too.
struct Config;

impl Config {
    #[lazy_main::main]
    async fn code(&self) -> std::process::ExitCode {
        if std::env::args().count() > 5 {
            return std::process::ExitCode::FAILURE;
        }
        std::process::ExitCode::SUCCESS
    }
}

fn main() {
    let _ = Config.code();
}
