#[::core::prelude::v1::test]
fn works() {
    return ::lazy_main::__private::drive(
        ::lazy_main::__private::Traced::new(
                "works",
                async move {
                    if false {
                        return ::lazy_main::__private::unreachable::<()>();
                    }
                    '__lazy_main_body: {}
                },
            )
            .verbose(),
        futures_executor::block_on,
    );
}
