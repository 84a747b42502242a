//! What the attribute accepts. One step looks at the function as read
//! (`item.rs`), reports each part it cannot take, at the user's tokens and
//! naming the fix, and says how the function can be expanded.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::Error;

use crate::errors::Errors;
use crate::item::{is_receiver, Body, Function, NotAFunction};
use crate::Kind;

/// How a function the attribute has read can be expanded.
pub(crate) struct Accepted {
    /// The lone `self` parameter of a method; empty otherwise.
    pub(crate) receiver: TokenStream,
    /// The parts that are errors, kept so that the body can still be
    /// checked with them while the errors are reported.
    pub(crate) unsupported: Unsupported,
    /// The user already wrote a test attribute (an error).
    pub(crate) has_test_attribute: bool,
}

/// Parts of the signature that the attribute cannot take.
#[derive(Default)]
pub(crate) struct Unsupported {
    pub(crate) generics: TokenStream,
    /// The whole parameter list (but a lone receiver).
    pub(crate) params: TokenStream,
    pub(crate) where_clause: TokenStream,
    /// The first parameter is a method's receiver, which an inner function
    /// could not have.
    pub(crate) has_receiver: bool,
}

impl Unsupported {
    pub(crate) fn any(&self) -> bool {
        !(self.generics.is_empty() && self.params.is_empty() && self.where_clause.is_empty())
    }
}

/// Checks `function` against what `kind` accepts; every problem goes to `errors`.
pub(crate) fn validate(function: &Function, kind: Kind, errors: &mut Errors) -> Accepted {
    let mut has_test_attribute = false;
    for attr in &function.attrs {
        if kind == Kind::Test && attr.is_test() {
            has_test_attribute = true;
            errors.push(Error::new_spanned(
                attr,
                "a second test attribute is supplied; remove it: `#[lazy_main::test]` already makes this a test",
            ));
        }
    }
    for qualifier in &function.qualifiers {
        let keyword = qualifier.clone().into_iter().next().map(|k| k.to_string());
        let keyword = keyword.unwrap_or_default();
        let message = kind.says(&format!(
            "functions cannot be `{keyword}`; remove `{keyword}`"
        ));
        errors.push(spanned(qualifier, message));
    }
    if function.asyncness.is_none() {
        errors.push(Error::new(
            function.fn_token.span(),
            kind.says("needs an `async fn`; add `async` before `fn`"),
        ));
    }
    let mut unsupported = Unsupported::default();
    if !function.generics.is_empty() {
        unsupported.generics = function.generics.clone();
        errors.push(Error::new_spanned(
            &function.generics,
            kind.says("functions cannot be generic; remove the generic parameters"),
        ));
    }
    let mut receiver = TokenStream::new();
    match function.params.as_slice() {
        [] => {}
        [only] if is_receiver(only) => receiver = only.clone(),
        params => {
            unsupported.has_receiver = is_receiver(&params[0]);
            unsupported.params = function.param_list.clone();
            errors.push(Error::new_spanned(
                &unsupported.params,
                match kind {
                    Kind::Main => kind.says("functions cannot take parameters; remove them"),
                    Kind::Test => "test functions cannot take parameters; remove them".to_owned(),
                },
            ));
        }
    }
    if !function.where_clause.is_empty() {
        unsupported.where_clause = function.where_clause.clone();
        errors.push(Error::new_spanned(
            &function.where_clause,
            kind.says("functions cannot have a `where` clause; remove it"),
        ));
    }
    if !function.stray.is_empty() {
        errors.push(Error::new_spanned(
            &function.stray,
            "unexpected tokens before the function's body",
        ));
    }
    if let Body::Missing(token) = &function.body {
        let message = "expected the function's body `{ ... }`";
        errors.push(match token {
            Some(token) => Error::new_spanned(token, message),
            None => Error::new(Span::call_site(), message),
        });
    }
    Accepted {
        receiver,
        unsupported,
        has_test_attribute,
    }
}

/// The error for an item that is not a function, at the token where reading stopped.
pub(crate) fn not_a_function(kind: Kind, NotAFunction(at): &NotAFunction) -> Error {
    let message = kind.says("can only be used on an `async fn`");
    match at {
        Some(token) => Error::new_spanned(token, message),
        None => Error::new(Span::call_site(), message),
    }
}

/// An error at `tokens`: at its one token, or spanning all of them.
fn spanned(tokens: &TokenStream, message: String) -> Error {
    let mut trees = tokens.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(only), None) => Error::new(only.span(), message),
        _ => Error::new_spanned(tokens.to_token_stream(), message),
    }
}

impl Kind {
    /// `message` said of the attribute: "`#[lazy_main::main]` <message>".
    fn says(self, message: &str) -> String {
        format!("{} {message}", self.attribute())
    }
}
