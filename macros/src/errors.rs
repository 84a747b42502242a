//! The one place errors are collected: every problem found while reading the
//! arguments and the function is kept, in the order found, and all of them
//! are reported together next to a best-effort item.

use proc_macro2::TokenStream;
use syn::Error;

/// Errors found so far; empty when all is well.
#[derive(Default)]
pub(crate) struct Errors(Option<Error>);

impl Errors {
    /// Adds `error` after the ones collected so far.
    pub(crate) fn push(&mut self, error: Error) {
        match &mut self.0 {
            Some(first) => first.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// `compile_error!` invocations, one per error; nothing if there is none.
    pub(crate) fn to_compile_errors(&self) -> TokenStream {
        self.0
            .as_ref()
            .map(Error::to_compile_error)
            .unwrap_or_default()
    }

    #[cfg(test)]
    pub(crate) fn messages(&self) -> Vec<String> {
        self.0
            .iter()
            .flat_map(|error| error.clone().into_iter().map(|e| e.to_string()))
            .collect()
    }
}
