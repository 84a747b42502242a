// `return` in the body returns from the async fn, with its declared type.
#[lazy_main::main]
async fn main() -> std::process::ExitCode {
    if std::env::args().count() > 5 {
        return 1;
    }
    std::process::ExitCode::SUCCESS
}
