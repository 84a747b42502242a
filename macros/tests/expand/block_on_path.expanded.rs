#[::core::prelude::v1::test]
fn works() {
    #[allow(clippy::future_not_send)]
    async fn works() {}
    futures_executor::block_on(::lazy_main::__private::trace("works", true, works()));
}
