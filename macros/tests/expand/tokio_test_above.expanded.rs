#[::core::prelude::v1::test]
fn t() {
    let body = async {
        work().await;
    };
    tokio::pin!(body);
    let body: ::core::pin::Pin<&mut dyn ::core::future::Future<Output = ()>> = body;
    #[allow(clippy::expect_used)]
    {
        use tokio::runtime::Builder;
        return Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("Failed building the Runtime")
            .block_on(body);
    }
}
::core::compile_error! {
    "`#[tokio::test]` cannot be combined with `#[lazy_main::test]`: each drives the body; remove one"
}
