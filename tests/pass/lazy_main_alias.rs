// `use lazy_main::lazy_main;` then `#[lazy_main]`.
use lazy_main::lazy_main;

#[lazy_main]
async fn main() {
    std::future::ready(()).await;
}
