// Twin of colouring/sync_caller_awaits and colouring/sync_caller_uses_value: the caller turns async and awaits, and so does its caller, up to main.
async fn fetch() -> u32 {
    41
}

async fn total() -> u32 {
    fetch().await + 1
}

#[lazy_main::main]
async fn main() {
    assert_eq!(total().await, 42);
}
