// Twin of misuse/timeout_not_a_duration: a whole number and a unit.
#[lazy_main::main(timeout = "5s")]
async fn main() {
    std::future::ready(()).await;
}
