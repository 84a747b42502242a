/// Not `main`: maybe in an impl.
#[cfg_attr(clippy, allow(clippy::must_use_candidate))]
#[cfg_attr(clippy, allow(clippy::panic_in_result_fn))]
pub fn answer() -> u32 {
    return (::lazy_main::__private::block_on)(async move {
        if false {
            return ::lazy_main::__private::unreachable::<u32>();
        }
        '__lazy_main_body: { std::future::ready(42).await }
    });
}
