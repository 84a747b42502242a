// An async closure returns a future; sync code that calls it still cannot `.await` it.
fn main() {
    let add_one = async |n: u32| n + 1;
    let n = add_one(41).await; //~ ERROR E0728 only allowed inside `async`
    assert_eq!(n, 42);
}
