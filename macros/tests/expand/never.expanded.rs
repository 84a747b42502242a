fn main() -> ! {
    #[cfg_attr(clippy, allow(clippy::future_not_send))]
    pub(self) async fn main() -> ! {
        loop {}
    }
    return (::lazy_main::__private::block_on)(main());
}
