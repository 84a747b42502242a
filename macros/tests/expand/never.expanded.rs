fn main() -> ! {
    #[cfg_attr(clippy, allow(clippy::future_not_send, clippy::unused_async))]
    pub(self) async fn main() -> ! {
        loop {}
    }
    (::lazy_main::__private::block_on)(main())
}
