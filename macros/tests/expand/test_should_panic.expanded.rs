#[should_panic(expected = "boom")]
#[::core::prelude::v1::test]
fn explodes() {
    #[allow(clippy::future_not_send)]
    async fn explodes() {
        panic!("boom");
    }
    ::lazy_main::__private::block_on(explodes())
}
