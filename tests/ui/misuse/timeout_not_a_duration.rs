// `timeout` takes a duration as a string: a whole number and `ms`, `s` or `m`.
#[lazy_main::main(timeout = "5 seconds")] //~ ERROR is not a duration
async fn main() {
    std::future::ready(()).await;
}
