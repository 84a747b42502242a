// Twin of misuse/crate_unresolved: the path names the crate.
#[lazy_main::main(crate = lazy_main)]
async fn helper() -> u8 {
    std::future::ready(1).await
}

fn main() {
    assert_eq!(helper(), 1);
}
