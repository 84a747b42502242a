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
