//! Producing the output tokens: the one place that knows the expansion's shapes.
//!
//! The user's function becomes a sync function with the same attributes,
//! visibility, name and return type (for `test`, a `#[::core::prelude::v1::test]`
//! follows the user's attributes). Its body takes one of three shapes:
//!
//! 1. **Driven inner `async fn`**, the normal case: the user's body, in an
//!    inner `async fn` with the user's signature, so the compiler checks it
//!    exactly as it checks any `async fn`; the outer function drives it.
//!
//!    ```text
//!    fn name() -> R {
//!        async fn name() -> R { body }
//!        ::lazy_main::__private::block_on(name())
//!    }
//!    ```
//!
//! 2. **Driven `async move` block**, when the function has a `self` receiver
//!    or its body names `Self`, which an inner function could not see:
//!
//!    ```text
//!    fn name(&self) -> R {
//!        ::lazy_main::__private::block_on(async move { body })
//!    }
//!    ```
//!
//! 3. **Checked body next to an error** in the signature: the body in an
//!    inner `async fn` with the whole signature the user wrote, so its own
//!    errors are still reported, and nothing called, so no error follows
//!    from the first. The inner function is left out when it could not see
//!    `self` or `Self`. The errors follow the item as `compile_error!`s.
//!
//!    ```text
//!    fn name() -> R {
//!        async fn name<T>(x: T) -> R where … { body }
//!        ::core::unreachable!()
//!    }
//!    ```
//!
//! Arguments change what drives the future in shapes 1 and 2: with `trace`,
//! the future is wrapped as `__private::Traced::new("name", future)` (and
//! `.verbose()`); with `block_on = path`, it is driven by
//! `__private::drive(future, path)` instead of `__private::block_on(future)`.
//!
//! A non-function is emitted unchanged, next to its error.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};

use crate::args::{Args, Trace};
use crate::errors::Errors;
use crate::item::{Body, Function};
use crate::valid::{self, Accepted, Unsupported};
use crate::Kind;

/// Expands one use of the attribute. Never panics: every problem becomes a
/// `compile_error!` next to a best-effort item, so the rest of the crate
/// still type-checks and each problem is reported once.
pub(crate) fn expand(kind: Kind, args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let args = Args::parse(args, &mut errors);
    let mut output = match Function::read(item.clone()) {
        Ok(function) => {
            let accepted = valid::validate(&function, kind, &mut errors);
            function_tokens(kind, &args, &function, &accepted)
        }
        Err(not_a_function) => {
            errors.push(valid::not_a_function(kind, &not_a_function));
            item
        }
    };
    output.extend(errors.to_compile_errors());
    output
}

fn function_tokens(
    kind: Kind,
    args: &Args,
    function: &Function,
    accepted: &Accepted,
) -> TokenStream {
    let Function {
        attrs,
        vis,
        fn_token,
        name,
        output,
        ..
    } = function;
    let receiver = &accepted.receiver;
    let body = match &function.body {
        Body::Block(body) => body.clone(),
        Body::Missing(_) => Group::new(proc_macro2::Delimiter::Brace, TokenStream::new()),
    };
    let test_attribute = (kind == Kind::Test && !accepted.has_test_attribute)
        .then(|| quote!(#[::core::prelude::v1::test]));

    let unsupported = &accepted.unsupported;
    let outer_body = if unsupported.any() {
        checked_body_only(function, accepted, &body)
    } else {
        driving_body(args, function, accepted, &body)
    };
    // Next to a signature error, callers of a plain function keep
    // type-checking against the signature they wrote. Not for the program's
    // `main` or a test, where parameters and generics are errors of their own
    // (E0580, E0131, "functions used as tests can not have any arguments").
    let keep_signature = unsupported.any() && kind == Kind::Main && name != "main";
    let allow_unused = keep_signature.then(|| quote!(#[allow(unused_variables)]));
    let empty = Unsupported::default();
    let kept = if keep_signature { unsupported } else { &empty };
    let (generics, params, where_clause) = (&kept.generics, &kept.params, &kept.where_clause);
    quote! {
        #(#attrs)*
        #allow_unused
        #test_attribute
        #vis #fn_token #name #generics (#receiver #params) #output #where_clause #outer_body
    }
}

/// Shapes 1 and 2: the body as an inner `async fn` or an `async move`
/// block, driven to completion.
fn driving_body(
    args: &Args,
    function: &Function,
    accepted: &Accepted,
    body: &Group,
) -> TokenStream {
    let Function { name, output, .. } = function;
    let krate = args.krate.clone().unwrap_or_else(|| quote!(::lazy_main));
    // With `block_on = path`, the call sits at the user's path, so a
    // function with the wrong signature is reported there.
    let span = args.block_on.as_ref().map_or_else(Span::call_site, |path| {
        Span::call_site().located_at(span_of(path))
    });
    // An inner fn sees neither `self` nor `Self`: then an async block it is.
    let in_block = !accepted.receiver.is_empty() || mentions_self(body);
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
            quote_spanned!(span=> #krate::__private::Traced::new(#label, #future)#level)
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

/// Shape 3: the body next to a signature error, checked with the user's
/// full signature, but nothing is called, so no second error follows from
/// the first.
fn checked_body_only(function: &Function, accepted: &Accepted, body: &Group) -> TokenStream {
    let Function { name, output, .. } = function;
    let unsupported = &accepted.unsupported;
    // An inner fn cannot see `self` or `Self`: then the body goes unchecked.
    let sees_everything =
        accepted.receiver.is_empty() && !unsupported.has_receiver && !mentions_self(body);
    let inner = sees_everything.then(|| {
        let Unsupported {
            generics,
            params,
            where_clause,
            ..
        } = unsupported;
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

/// `.verbose()` after `Traced::new(…)` for `trace = "verbose"`; nothing for the summary.
impl ToTokens for Trace {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        if *self == Trace::Verbose {
            tokens.extend(quote!(.verbose()));
        }
    }
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod snapshots;
