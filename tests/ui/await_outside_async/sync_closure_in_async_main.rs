// A closure written inside an async main is still a sync closure: no `.await` in it.
async fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    let doubled = || compute().await * 2; //~ ERROR E0728 only allowed inside `async`
    assert_eq!(doubled(), 84);
}
