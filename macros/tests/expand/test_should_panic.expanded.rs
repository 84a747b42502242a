#[should_panic(expected = "boom")]
#[::core::prelude::v1::test]
fn explodes() {
    return (::lazy_main::__private::test)(
        "explodes",
        async move {
            if false {
                return ::lazy_main::__private::unreachable::<()>();
            }
            '__lazy_main_body: {
                panic!("boom");
            }
        },
    );
}
