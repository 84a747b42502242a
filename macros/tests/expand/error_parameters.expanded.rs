#[::core::prelude::v1::test]
fn adds() {
    #[allow(dead_code)]
    async fn adds(left: u32) {
        assert_eq!(left, 1);
    }
    ::core::unreachable!()
}
::core::compile_error! {
    "test functions cannot take parameters; remove them, or supply them with an attribute such as `#[test_case(…)]`"
}
