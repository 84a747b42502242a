// Twin of misuse/generic_impl_parameters: the value comes from the impl's `T`; a function named `main` in a generic impl works too.
use std::future::ready;

pub struct Cell<T>(T);

impl<T: Default> Cell<T> {
    #[lazy_main::main]
    pub async fn with() -> T
    where
        T: Clone,
    {
        ready(T::default()).await.clone()
    }

    // Not the program's `main`: it returns the impl's `T`.
    #[lazy_main::main]
    pub async fn main() -> T {
        ready(T::default()).await
    }
}

pub struct Borrowed<'a>(&'a str);

impl<'a> Borrowed<'a> {
    #[lazy_main::main]
    pub async fn main(&self) -> &'a str {
        ready(self.0).await
    }
}

pub struct Zeros<const N: usize>;

impl<const N: usize> Zeros<N> {
    #[lazy_main::main]
    pub async fn main() -> [u8; N] {
        ready([0; N]).await
    }
}

fn main() {
    assert_eq!(Cell::<u8>::with(), 0);
    assert_eq!(Cell::<String>::main(), "");
    assert_eq!(Borrowed("text").main(), "text");
    assert_eq!(Zeros::<3>::main(), [0, 0, 0]);
    let _ = Cell(1).0;
}
