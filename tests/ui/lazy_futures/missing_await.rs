// Without `.await` you hold the future, not the number it will produce.
async fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    let n: u32 = compute(); //~ ERROR E0308 mismatched types
    assert_eq!(n, 42);
}
