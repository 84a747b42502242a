// `.await` needs a future: the result of a plain fn is already the value.
fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    let n = compute().await; //~ ERROR E0277 `u32` is not a future
    assert_eq!(n, 42);
}
