#[allow(clippy::must_use_candidate)]
fn consume(self) -> u8
where
    Self: Sized,
{
    ::lazy_main::__private::block_on(async move {
        if false {
            return ::lazy_main::__private::unreachable::<u8>();
        }
        '__lazy_main_body: { self.value().await }
    })
}
