#[cfg_attr(clippy, allow(clippy::must_use_candidate))]
#[cfg_attr(clippy, allow(clippy::panic_in_result_fn))]
fn describe(&self) -> String {
    return (::lazy_main::__private::block_on)(async move {
        if false {
            return ::lazy_main::__private::unreachable::<String>();
        }
        '__lazy_main_body: { self.name().await }
    });
}
