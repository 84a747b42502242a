// `lazy_main::block_on` may be called inside the async body.
#[lazy_main::main]
async fn main() {
    let inner = lazy_main::block_on(async { 1 });
    assert_eq!(std::future::ready(inner).await, 1);
}
