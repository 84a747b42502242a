// An ordinary helper fn cannot `.await`, even when only async code calls it.
async fn compute() -> u32 {
    42
}

fn helper() -> u32 {
    compute().await + 1 //~ ERROR E0728 only allowed inside `async`
}

#[lazy_main::main]
async fn main() {
    assert_eq!(helper(), 43);
}
