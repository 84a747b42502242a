// `return` in the body returns from the async fn, with its declared type.
#[lazy_main::main]
async fn main() -> std::process::ExitCode {
    if std::env::args().count() > 5 {
        return 1; //~ ERROR E0308 mismatched types
    }
    std::process::ExitCode::SUCCESS
}
