// Twin of await_outside_async/const_initializer: a value that needs `.await` comes from an async fn.
async fn compute() -> u32 {
    42
}

async fn answer() -> u32 {
    compute().await
}

#[lazy_main::main]
async fn main() {
    assert_eq!(answer().await, 42);
}
