//! Methods and associated functions: a body that names `Self`, a lone `self`
//! receiver as in a trait impl.

#![allow(clippy::unused_async)] // stand-ins for real async work

use std::cell::Cell;

thread_local! {
    static TAKE_EARLY_RETURN: Cell<bool> = const { Cell::new(false) };
}

struct Counter;

impl Counter {
    async fn get() -> u8 {
        9
    }

    /// An associated function may use `Self`.
    #[lazy_main::main]
    async fn run() -> u8 {
        Self::get().await
    }

    /// With `Self`, `?` and an early `return` too.
    #[lazy_main::main]
    async fn parse() -> Result<u8, std::num::ParseIntError> {
        let text = if TAKE_EARLY_RETURN.get() { "" } else { "1" };
        if text.is_empty() {
            return Ok(Self::get().await);
        }
        let n: u8 = text.parse()?;
        Ok(n + Self::get().await)
    }
}

#[test]
fn associated_function_with_self() {
    assert_eq!(Counter::run(), 9);
    assert_eq!(Counter::parse(), Ok(10));
    TAKE_EARLY_RETURN.set(true);
    assert_eq!(Counter::parse(), Ok(9));
}

/// A method with a lone `self` receiver, as in a trait impl.
mod receivers {
    trait Describe {
        fn describe(self) -> String;
        fn shout(&self) -> String;
    }

    struct Name(&'static str);

    impl Describe for Name {
        #[lazy_main::main]
        async fn describe(self) -> String {
            std::future::ready(format!("name {}", self.0)).await
        }

        #[lazy_main::main]
        async fn shout(&self) -> String {
            self.describe_ref().await.to_uppercase()
        }
    }

    impl Name {
        async fn describe_ref(&self) -> String {
            format!("name {}", self.0)
        }

        #[lazy_main::main]
        async fn length(self: Box<Self>) -> usize {
            self.0.len()
        }
    }

    #[test]
    fn methods_drive_their_body() {
        assert_eq!(Name("ferris").describe(), "name ferris");
        assert_eq!(Name("ferris").shout(), "NAME FERRIS");
        assert_eq!(Box::new(Name("ferris")).length(), 6);
    }
}

/// `Self` only in the signature, a trait impl's associated type, an impl's
/// type parameter, lifetime parameters: each compiles as a plain `async fn`
/// would, in an `async move` block that sees what the impl declares.
mod impls {
    use std::future::ready;

    #[derive(Debug, PartialEq)]
    pub struct Wrapper<T>(pub T);

    impl Wrapper<u8> {
        #[lazy_main::main]
        pub async fn new() -> Self {
            Wrapper(ready(3).await)
        }
    }

    impl<T: Default> Wrapper<T> {
        #[lazy_main::main]
        pub async fn make() -> T {
            ready(T::default()).await
        }

        #[lazy_main::main]
        pub async fn make_wrapped() -> Wrapper<T> {
            Wrapper(T::default())
        }
    }

    pub trait Source {
        type Out;
        fn get() -> Self::Out;
    }

    impl Source for Wrapper<u8> {
        type Out = u16;

        #[lazy_main::main]
        async fn get() -> Self::Out {
            ready(7).await
        }
    }

    pub struct Text(pub String);

    impl Text {
        #[lazy_main::main]
        pub async fn text<'a>(&'a self) -> &'a str {
            ready(self.0.as_str()).await
        }

        #[lazy_main::main]
        pub async fn prefix<'a, 'b: 'a>(&'b self) -> &'a str {
            self.0.split(' ').next().unwrap_or_default()
        }
    }
}

#[test]
fn impls_with_self_generics_and_lifetimes() {
    use impls::{Source, Text, Wrapper};
    assert_eq!(Wrapper::new(), Wrapper(3));
    assert_eq!(Wrapper::<String>::make(), String::new());
    assert_eq!(Wrapper::<u32>::make_wrapped(), Wrapper(0));
    assert_eq!(<Wrapper<u8> as Source>::get(), 7);
    assert_eq!(Text("words".to_owned()).text(), "words");
    assert_eq!(Text("two words".to_owned()).prefix(), "two");
}

/// A function named `main` that is not the program's: in an impl with type,
/// lifetime and const parameters, and with a `where` clause that bounds the
/// impl's parameters or `Self` (a trait's default method taking `self`).
mod not_the_programs_main {
    use std::future::ready;

    pub struct App<T>(pub T);

    impl<T: Default> App<T> {
        #[lazy_main::main]
        pub async fn main() -> T {
            ready(T::default()).await
        }

        #[lazy_main::main]
        pub async fn cloned(&self) -> T
        where
            T: Clone,
        {
            ready(self.0.clone()).await
        }
    }

    pub struct Borrowed<'a>(pub &'a str);

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

    pub trait Consume {
        fn value(&self) -> u8;

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
}

#[test]
fn main_in_generic_impls_and_where_clauses() {
    use not_the_programs_main::{App, Borrowed, Consume, Zeros};
    assert_eq!(App::<u32>::main(), 0);
    assert_eq!(App::<String>::main(), "");
    assert_eq!(App(5u8).cloned(), 5);
    assert_eq!(Borrowed("text").main(), "text");
    assert_eq!(Zeros::<2>::main(), [0, 0]);
    assert_eq!(9u8.consume(), 9);
}
