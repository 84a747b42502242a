// Twin of body_errors/tail_temporary_2021: the tail's value is kept in a local first, in every edition.
struct Store;

impl Store {
    #[lazy_main::main]
    async fn len(&self) -> usize {
        let cell = std::cell::RefCell::new(vec![std::future::ready(1).await]);
        let len = cell.borrow().len();
        len
    }
}

fn main() {
    assert_eq!(Store.len(), 1);
}
