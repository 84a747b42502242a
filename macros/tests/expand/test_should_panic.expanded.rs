#[should_panic(expected = "boom")]
#[::core::prelude::v1::test]
fn explodes() {
    return (::lazy_main::__private::block_on)(async move {
        if false {
            return ::lazy_main::__private::unreachable::<()>();
        }
        '__lazy_main_body: {
            panic!("boom");
        }
    });
}
