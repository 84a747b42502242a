#[::core::prelude::v1::test]
fn works() {
    #[allow(clippy::future_not_send)]
    async fn works() {}
    ::lazy_main::__private::drive(
        ::lazy_main::__private::Traced::new("works", works()).verbose(),
        futures_executor::block_on,
    )
}
