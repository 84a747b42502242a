fn describe(&self) -> String {
    ::lazy_main::__private::block_on(async move { self.name().await })
}
