//! Producing the output tokens: the one place that knows the expansion's shape.
//!
//! ```text
//! #[attrs] [#[::core::prelude::v1::test]] vis fn name() -> R {
//!     async fn name() -> R { body }   // checked exactly like the user's own async fn
//!     ::lazy_main::__private::block_on(name())
//! }
//! ```

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};

use crate::args::{combine, Args, Trace};
use crate::item::{Function, Item, Unsupported};
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
        receiver,
        output,
        body,
        has_test_attribute,
        unsupported,
    } = function;
    let test_attribute =
        (kind == Kind::Test && !has_test_attribute).then(|| quote!(#[::core::prelude::v1::test]));
    let krate = args.krate.clone().unwrap_or_else(|| quote!(::lazy_main));

    let outer_body = if unsupported.any() {
        checked_body_only(&name, &receiver, &output, &body, &unsupported)
    } else {
        driving_body(args, &krate, &name, &receiver, &output, &body)
    };
    // Next to a signature error, callers of a plain function keep
    // type-checking against the signature they wrote. Not for the program's
    // `main` or a test, where parameters and generics are errors of their own
    // (E0580, E0131, "functions used as tests can not have any arguments").
    let mut kept = Unsupported::default();
    let mut allow_unused = None;
    if unsupported.any() && kind == Kind::Main && name != "main" {
        kept = unsupported;
        allow_unused = Some(quote!(#[allow(unused_variables)]));
    }
    let Unsupported {
        generics,
        params,
        where_clause,
    } = kept;
    quote! {
        #(#attrs)*
        #allow_unused
        #test_attribute
        #vis #fn_token #name #generics (#receiver #params) #output #where_clause #outer_body
    }
}

/// The normal body: the user's body as an inner `async fn`, driven to completion.
fn driving_body(
    args: &Args,
    krate: &TokenStream,
    name: &Ident,
    receiver: &TokenStream,
    output: &TokenStream,
    body: &Group,
) -> TokenStream {
    // With `block_on = path`, the call sits at the user's path, so a
    // function with the wrong signature is reported there.
    let span = args.block_on.as_ref().map_or_else(Span::call_site, |path| {
        Span::call_site().located_at(span_of(path))
    });
    // An inner fn sees neither `self` nor `Self`: then an async block it is.
    let in_block = !receiver.is_empty() || mentions_self(body);
    let future = if in_block {
        quote_spanned!(span=> async move #body)
    } else {
        let mut callee = name.clone();
        callee.set_span(span);
        quote_spanned!(span=> #callee())
    };
    let future = match args.trace {
        None => future,
        Some(level) => {
            let label = name.to_string();
            let label = label.trim_start_matches("r#");
            quote_spanned!(span=> #krate::__private::trace(#label, #level, #future))
        }
    };
    // In tail position even for `()`, so that a function returning
    // something else (the future itself, say) is a type error.
    let tail = match &args.block_on {
        None => quote!(#krate::__private::block_on(#future)),
        Some(path) => quote_spanned!(span=> #krate::__private::drive(#future, #path)),
    };
    let inner = (!in_block).then(|| {
        // Driven on this thread only: it need not be `Send`.
        quote! {
            #[allow(clippy::future_not_send)]
            async fn #name() #output #body
        }
    });
    quote!({ #inner #tail })
}

/// The body next to a signature error: checked with the user's full
/// signature, but nothing is called, so no second error follows from the first.
fn checked_body_only(
    name: &Ident,
    receiver: &TokenStream,
    output: &TokenStream,
    body: &Group,
    unsupported: &Unsupported,
) -> TokenStream {
    // An inner fn cannot see `self` or `Self`: then the body goes unchecked.
    let sees_everything =
        receiver.is_empty() && !unsupported.has_receiver() && !mentions_self(body);
    let inner = sees_everything.then(|| {
        let generics = &unsupported.generics;
        let params = &unsupported.params;
        let where_clause = &unsupported.where_clause;
        quote! {
            #[allow(dead_code)]
            async fn #name #generics (#params) #output #where_clause #body
        }
    });
    quote!({ #inner ::core::unreachable!() })
}

/// The span of a whole path, or of its last token where spans cannot join.
fn span_of(path: &TokenStream) -> Span {
    let mut tokens = path.clone().into_iter().map(|token| token.span());
    let first = tokens.next().unwrap_or_else(Span::call_site);
    let last = tokens.last().unwrap_or(first);
    first.join(last).unwrap_or(last)
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
