/// Not `main`: maybe in an impl.
#[allow(clippy::must_use_candidate)]
#[allow(clippy::panic_in_result_fn)]
pub fn answer() -> u32 {
    return (::lazy_main::__private::block_on)(async move {
        if false {
            return ::lazy_main::__private::unreachable::<u32>();
        }
        '__lazy_main_body: { std::future::ready(42).await }
    });
}
