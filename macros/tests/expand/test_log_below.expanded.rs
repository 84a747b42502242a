#[test_log::test]
#[::core::prelude::v1::test]
fn logs() {
    return (::lazy_main::__private::test)(
        "logs",
        async move {
            if false {
                return ::lazy_main::__private::unreachable::<()>();
            }
            '__lazy_main_body: {
                log::info!("{}", work(). await);
            }
        },
    );
}
