#[allow(unused_variables)]
#[cfg_attr(clippy, allow(clippy::must_use_candidate))]
pub fn with(value: T) -> T
where
    T: Default,
{
    let _ = async move {
        if false {
            return ::lazy_main::__private::unreachable::<T>();
        }
        '__lazy_main_body: { value }
    };
    ::core::unreachable!()
}
::core::compile_error! {
    "`#[lazy_main::main]` functions cannot take parameters; remove them"
}
