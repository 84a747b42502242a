fn main() {
    #[cfg_attr(clippy, allow(clippy::future_not_send, clippy::unused_async))]
    pub(self) async fn main() {
        work().await;
    }
    return (::lazy_main::__private::block_on)(main());
}
::core::compile_error! {
    "`#[lazy_main::main]` needs an `async fn`; add `async` before `fn`"
}
