fn main() {
    use my_facade as __lazy_main_facade;
    #[cfg_attr(clippy, allow(clippy::future_not_send, clippy::unused_async))]
    pub(self) async fn main() {}
    return (__lazy_main_facade::__private::block_on)(main());
}
