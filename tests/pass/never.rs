// An async main that never returns: `-> !`.
#[lazy_main::main]
async fn main() -> ! {
    std::future::ready(()).await;
    std::process::exit(0)
}
