#[::core::prelude::v1::test]
fn works() {
    #[allow(clippy::future_not_send)]
    async fn works() {}
    ::lazy_main::__private::drive(
        ::lazy_main::__private::trace("works", true, works()),
        futures_executor::block_on,
    )
}
