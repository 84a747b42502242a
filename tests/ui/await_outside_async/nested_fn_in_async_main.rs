// A fn declared inside an async main does not inherit its asyncness.
async fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    fn halved() -> u32 {
        compute().await / 2 //~ ERROR E0728 only allowed inside `async`
    }
    assert_eq!(halved(), 21);
}
