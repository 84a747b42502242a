fn main() {
    #[cfg_attr(clippy, allow(clippy::future_not_send, clippy::unused_async))]
    pub(self) async fn main() {
        let n = (::lazy_main::__private::Wrap::new)(work(1))
            .__lazy_main_at(::lazy_main::__private::here("work(…).await"))
            .await;
        println!(
            "{}", (::lazy_main::__private::Wrap::new) (n)
            .__lazy_main_at(::lazy_main::__private::here("n.await")). await
        );
    }
    return (::lazy_main::__private::run)(
        ::lazy_main::__private::Waits::function("main").traced(),
        ::lazy_main::__private::Traced::new("main", main()),
    );
}
