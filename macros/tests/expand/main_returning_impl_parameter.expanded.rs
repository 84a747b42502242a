#[cfg_attr(clippy, allow(clippy::must_use_candidate))]
#[cfg_attr(clippy, allow(clippy::panic_in_result_fn))]
pub fn main() -> T {
    return (::lazy_main::__private::block_on)(async move {
        if false {
            return ::lazy_main::__private::unreachable::<T>();
        }
        '__lazy_main_body: { T::default() }
    });
}
