fn run() -> u8 {
    ::lazy_main::__private::block_on(async move { Self::VALUE })
}
