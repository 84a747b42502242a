//! The one place errors are collected: every problem found while reading the
//! arguments and the function is kept, in the order found, and all of them
//! are reported together next to a best-effort item.
//!
//! An error is a message and the first and last spans of the tokens it is
//! about, reported as `::core::compile_error! { "message" }` spanned from the
//! first to the last: rustc underlines the whole range, on stable and nightly
//! alike. (syn's own `Error` does the same, but its `new_spanned` needs syn's
//! `printing` feature, which every user would pay for in build time.)

use std::fmt::Display;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;

/// One problem, at the tokens it is about.
pub(crate) struct Error {
    start: Span,
    end: Span,
    message: String,
}

impl Error {
    /// An error at one span.
    pub(crate) fn new(span: Span, message: impl Display) -> Self {
        Self {
            start: span,
            end: span,
            message: message.to_string(),
        }
    }

    /// An error spanning `tokens`, from their first token to their last.
    pub(crate) fn spanned(tokens: impl ToTokens, message: impl Display) -> Self {
        // Generic only in this line: the rest is compiled once.
        Self::over(tokens.into_token_stream(), message.to_string())
    }

    fn over(tokens: TokenStream, message: String) -> Self {
        let mut trees = tokens.into_iter();
        let start = trees
            .next()
            .map_or_else(Span::call_site, |token| token.span());
        let end = trees.last().map_or(start, |token| token.span());
        Self {
            start,
            end,
            message,
        }
    }

    fn to_compile_error(&self, tokens: &mut TokenStream) {
        let punct = |ch: char, spacing: Spacing| {
            let mut punct = Punct::new(ch, spacing);
            punct.set_span(self.start);
            TokenTree::Punct(punct)
        };
        let mut message = Literal::string(&self.message);
        message.set_span(self.end);
        let mut group = Group::new(Delimiter::Brace, TokenTree::Literal(message).into());
        group.set_span(self.end);
        tokens.extend([
            punct(':', Spacing::Joint),
            punct(':', Spacing::Alone),
            TokenTree::Ident(Ident::new("core", self.start)),
            punct(':', Spacing::Joint),
            punct(':', Spacing::Alone),
            TokenTree::Ident(Ident::new("compile_error", self.start)),
            punct('!', Spacing::Alone),
            TokenTree::Group(group),
        ]);
    }
}

/// A parse error from syn, at its span.
impl From<syn::Error> for Error {
    fn from(error: syn::Error) -> Self {
        Self::new(error.span(), error)
    }
}

/// Errors found so far; empty when all is well.
#[derive(Default)]
pub(crate) struct Errors(Vec<Error>);

impl Errors {
    /// Adds `error` after the ones collected so far.
    pub(crate) fn push(&mut self, error: impl Into<Error>) {
        self.0.push(error.into());
    }

    /// Whether no problem was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `compile_error!` invocations, one per error; nothing if there is none.
    pub(crate) fn to_compile_errors(&self) -> TokenStream {
        let mut tokens = TokenStream::new();
        for error in &self.0 {
            error.to_compile_error(&mut tokens);
        }
        tokens
    }

    #[cfg(test)]
    pub(crate) fn messages(&self) -> Vec<String> {
        self.0.iter().map(|error| error.message.clone()).collect()
    }
}
