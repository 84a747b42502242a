//! Producing the output tokens: the one place that knows the expansion's shape.
//!
//! ```text
//! #[attrs] [#[::core::prelude::v1::test]] vis fn name() -> R {
//!     async fn name() -> R { body }   // checked exactly like the user's own async fn
//!     ::lazy_main::__private::block_on(name())
//! }
//! ```

use proc_macro2::{Group, TokenStream, TokenTree};
use quote::{quote, ToTokens};

use crate::args::{combine, Args, Trace};
use crate::item::{Function, Item};
use crate::Kind;

/// Expands one use of the attribute. Never panics: every problem becomes a
/// `compile_error!` next to a best-effort item, so the rest of the crate
/// still type-checks and each problem is reported once.
pub(crate) fn expand(kind: Kind, args: TokenStream, item: TokenStream) -> TokenStream {
    let (args, mut errors) = Args::parse(args);
    let mut output = match Item::parse(item, kind) {
        Item::Function(function, signature_errors) => {
            if let Some(error) = signature_errors {
                combine(&mut errors, error);
            }
            function_tokens(kind, &args, *function)
        }
        Item::Other(tokens, error) => {
            combine(&mut errors, error);
            tokens
        }
    };
    if let Some(errors) = errors {
        output.extend(errors.to_compile_error());
    }
    output
}

fn function_tokens(kind: Kind, args: &Args, function: Function) -> TokenStream {
    let Function {
        attrs,
        vis,
        fn_token,
        name,
        output,
        body,
        has_test_attribute,
        unsupported,
    } = function;
    let test_attribute =
        (kind == Kind::Test && !has_test_attribute).then(|| quote!(#[::core::prelude::v1::test]));
    let krate = args.krate.clone().unwrap_or_else(|| quote!(::lazy_main));
    let block_on = args
        .block_on
        .clone()
        .unwrap_or_else(|| quote!(#krate::__private::block_on));

    let outer_body = if unsupported.any() {
        // Already an error: check the body with the user's full signature,
        // but call nothing, so no second error follows from the first.
        let inner = (!unsupported.has_receiver).then(|| {
            let generics = &unsupported.generics;
            let params = &unsupported.params;
            let where_clause = &unsupported.where_clause;
            quote! {
                #[allow(dead_code)]
                async fn #name #generics (#params) #output #where_clause #body
            }
        });
        quote!({ #inner ::core::unreachable!() })
    } else {
        let future = if mentions_self(&body) {
            // `Self` is not visible in an inner fn: use an async block instead.
            quote!(async move #body)
        } else {
            quote!(#name())
        };
        let future = match args.trace {
            None => future,
            Some(level) => {
                let verbose = level == Trace::Verbose;
                let label = name.to_string();
                let label = label.trim_start_matches("r#");
                quote!(#krate::__private::trace(#label, #verbose, #future))
            }
        };
        let call = quote!(#block_on(#future));
        // `()`-returning calls end in `;`, like any statement.
        let tail = if output.is_empty() {
            quote!(#call;)
        } else {
            call
        };
        let inner = (!mentions_self(&body)).then(|| {
            // Driven on this thread only: it need not be `Send`.
            quote! {
                #[allow(clippy::future_not_send)]
                async fn #name() #output #body
            }
        });
        quote!({ #inner #tail })
    };
    quote! {
        #(#attrs)*
        #test_attribute
        #vis #fn_token #name() #output #outer_body
    }
}

/// Whether the body names `Self` anywhere.
fn mentions_self(body: &Group) -> bool {
    body.stream().into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == "Self",
        TokenTree::Group(group) => mentions_self(&group),
        _ => false,
    })
}

impl ToTokens for Trace {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        (*self == Trace::Verbose).to_tokens(tokens);
    }
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod snapshots;
