// Twin of body_errors/return_wrong_type: the early `return` gives the declared `ExitCode`.
#[lazy_main::main]
async fn main() -> std::process::ExitCode {
    if std::env::args().count() > 5 {
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
