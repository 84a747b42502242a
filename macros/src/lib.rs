//! The `#[main]` and `#[test]` attributes of [lazy-main](https://docs.rs/lazy-main).
//!
//! Use them through the `lazy-main` crate, which documents them and provides
//! the runtime that the generated code calls.

mod args;
mod awaits;
mod errors;
mod expand;
mod item;
mod valid;

use proc_macro::TokenStream;

/// Which attribute is expanding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Main,
    Test,
}

impl Kind {
    /// How error messages name the attribute.
    fn attribute(self) -> &'static str {
        match self {
            Kind::Main => "`#[lazy_main::main]`",
            Kind::Test => "`#[lazy_main::test]`",
        }
    }
}

/// What the crate being compiled is: only a binary has a program's `main`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// A binary or an example: cargo sets `CARGO_BIN_NAME` while compiling it.
    Binary,
    /// A library, a test, a doctest, a build script, or a build without
    /// cargo: no `main` of it is the program's, as far as the macro can tell.
    Other,
}

impl Target {
    fn current() -> Self {
        if std::env::var_os("CARGO_BIN_NAME").is_some() {
            Target::Binary
        } else {
            Target::Other
        }
    }
}

// Documented where it is used from, in `lazy-main`: rustdoc shows these
// docs after that crate's own, on `main`'s page and on its alias's.
#[allow(missing_docs)]
#[proc_macro_attribute]
pub fn main(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(Kind::Main, Target::current(), args.into(), item.into()).into()
}

// Documented where it is used from, in `lazy-main`.
#[allow(missing_docs)]
#[proc_macro_attribute]
pub fn test(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(Kind::Test, Target::current(), args.into(), item.into()).into()
}
