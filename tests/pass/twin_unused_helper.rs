// Twin of lints/unused_helper: `main` calls the helper, a sync call that drives its body.
#![deny(dead_code)]

#[lazy_main::main]
async fn helper() -> u8 {
    std::future::ready(1).await
}

fn main() {
    assert_eq!(helper(), 1);
}
