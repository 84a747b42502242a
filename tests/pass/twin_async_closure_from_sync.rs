// Twin of await_outside_async/async_closure_from_sync: the caller is async, so it awaits.
#[lazy_main::main]
async fn main() {
    let add_one = async |n: u32| n + 1;
    let n = add_one(41).await;
    assert_eq!(n, 42);
}
