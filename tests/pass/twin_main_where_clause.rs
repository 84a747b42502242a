// Twin of misuse/main_where_clause: no `where` clause on `main`; in an impl or a trait, it bounds their parameters and stays.
use std::future::ready;

struct Slot<T>(T);

impl<T: Clone> Slot<T> {
    #[lazy_main::main]
    async fn take() -> T
    where
        T: Default,
    {
        ready(T::default()).await
    }
}

trait Consume {
    fn value(&self) -> u8;

    // A default method taking `self` needs `Self: Sized`, as rustc says.
    #[lazy_main::main]
    async fn consume(self) -> u8
    where
        Self: Sized,
    {
        ready(self.value()).await
    }
}

impl Consume for u8 {
    fn value(&self) -> u8 {
        *self
    }
}

#[lazy_main::main]
async fn main()
{
    assert_eq!(Slot::<String>::take(), "");
    assert_eq!(7u8.consume(), 7);
    let _ = Slot(1).0;
}
