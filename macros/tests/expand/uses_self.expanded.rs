#[allow(clippy::must_use_candidate)]
fn run() -> u8 {
    (::lazy_main::__private::block_on)(async move {
        if false {
            return ::lazy_main::__private::unreachable::<u8>();
        }
        '__lazy_main_body: { Self::VALUE }
    })
}
