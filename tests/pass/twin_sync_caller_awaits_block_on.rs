// Twin of colouring/sync_caller_awaits: `block_on` at the sync edge stops async from spreading.
async fn fetch() -> u32 {
    41
}

fn total() -> u32 {
    lazy_main::block_on(async { fetch().await + 1 })
}

fn main() {
    assert_eq!(total(), 42);
}
