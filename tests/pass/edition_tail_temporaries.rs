// edition: 2024
// In 2024 a block's tail temporaries are dropped before its locals, so a
// borrow or a lock guard in the tail may use a local: every shape compiles,
// as the plain `async fn` does.
use std::cell::RefCell;
use std::future::ready;
use std::sync::Mutex;

#[lazy_main::main]
async fn borrowed() -> usize {
    let cell = RefCell::new(vec![ready(1).await]);
    cell.borrow().len()
}

#[lazy_main::main(trace = "verbose")]
async fn locked() -> u8 {
    let mutex = Mutex::new(ready(2).await);
    *mutex.lock().unwrap()
}

struct Store(u8);

impl Store {
    #[lazy_main::main]
    async fn len(&self) -> usize {
        let cell = RefCell::new(vec![ready(self.0).await]);
        cell.borrow().len()
    }

    #[lazy_main::main]
    async fn new() -> Self {
        let mutex = Mutex::new(Self(ready(3).await));
        Self(mutex.lock().unwrap().0)
    }
}

struct Generic<T>(T);

impl<T: Clone> Generic<T> {
    #[lazy_main::main(block_on = lazy_main::block_on)]
    async fn get(&self) -> T {
        let mutex = Mutex::new(ready(self.0.clone()).await);
        mutex.lock().unwrap().clone()
    }
}

#[lazy_main::main]
async fn main() {
    let cell = RefCell::new(vec![ready(4).await]);
    assert_eq!(borrowed(), 1);
    assert_eq!(lazy_main::trace::capture(locked).0, 2);
    assert_eq!(Store(1).len(), 1);
    assert_eq!(Store::new().0, 3);
    assert_eq!(Generic(5).get(), 5);
    println!("{}", cell.borrow().len())
}
