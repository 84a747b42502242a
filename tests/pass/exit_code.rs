// `ExitCode` from an async main.
use std::process::ExitCode;

#[lazy_main::main]
async fn main() -> ExitCode {
    std::future::ready(ExitCode::SUCCESS).await
}
