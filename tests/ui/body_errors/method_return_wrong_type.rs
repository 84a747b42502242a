// An early `return` of the wrong type in a method is one error, at the value.
struct Config;

impl Config {
    #[lazy_main::main]
    async fn code(&self) -> std::process::ExitCode {
        if std::env::args().count() > 5 {
            return 1; //~ ERROR E0308 mismatched types
        }
        std::process::ExitCode::SUCCESS
    }
}

fn main() {
    let _ = Config.code();
}
