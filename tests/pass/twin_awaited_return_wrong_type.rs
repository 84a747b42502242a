// Twin of body_errors/awaited_return_wrong_type: the awaited output is an `ExitCode`.
#[lazy_main::main]
async fn main() -> std::process::ExitCode {
    return std::future::ready(std::process::ExitCode::SUCCESS).await;
}
