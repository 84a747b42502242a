// edition: 2021
// In 2021 a tail's temporaries outlive the block's locals: a borrow of a local in the tail is an error, as in a plain async fn.
struct Store;

impl Store {
    #[lazy_main::main]
    async fn len(&self) -> usize {
        let cell = std::cell::RefCell::new(vec![std::future::ready(1).await]);
        cell.borrow().len() //~ ERROR E0597 `cell` does not live long enough
    }
}

fn main() {
    let _ = Store.len();
}
