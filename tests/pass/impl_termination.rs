// `impl Termination` from an async main.
#[lazy_main::main]
async fn main() -> impl std::process::Termination {
    std::future::ready(()).await;
}
