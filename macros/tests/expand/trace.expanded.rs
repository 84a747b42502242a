fn main() {
    #[allow(clippy::future_not_send)]
    async fn main() {}
    ::lazy_main::__private::block_on(::lazy_main::__private::Traced::new("main", main()))
}
