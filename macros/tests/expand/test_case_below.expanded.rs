#[test_case(1)]
#[::lazy_main::test(trace)]
#[test_case(2)]
async fn doubles(x: u8) {
    assert_eq!(x * 2, x + x);
}
