// Twin of body_errors/await_non_future: a plain value is used as it is; only futures are awaited.
#[lazy_main::main]
async fn main() {
    let n = 5u8;
    assert_eq!(n, 5);
}
