fn main() {
    #[allow(clippy::future_not_send)]
    async fn main() {}
    return (my_facade::__private::block_on)(main());
}
