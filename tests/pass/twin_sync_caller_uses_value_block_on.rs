// Twin of colouring/sync_caller_uses_value: the caller stays sync and `block_on` gets the value.
async fn fetch() -> u32 {
    41
}

fn total() -> u32 {
    lazy_main::block_on(fetch()) + 1
}

fn main() {
    assert_eq!(total(), 42);
}
