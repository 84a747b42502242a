//! Producing the output tokens: the one place that knows the expansion's shapes.
//!
//! The user's function becomes a sync function with the same attributes,
//! visibility, name and return type (for `test`, a `#[::core::prelude::v1::test]`
//! follows the user's attributes). Its body takes one of three shapes:
//!
//! 1. **Driven inner `async fn`**, for the program's `main` (a `main` in a
//!    binary, returning what a program's `main` returns, without `Self`;
//!    see `valid::may_be_programs_main`): the user's
//!    body, in an inner `async fn` with the user's signature, so the compiler
//!    checks it exactly as it checks any `async fn`; the outer function
//!    drives it.
//!
//!    ```text
//!    fn main() -> R {
//!        async fn main() -> R { body }
//!        ::lazy_main::__private::block_on(main())
//!    }
//!    ```
//!
//! 2. **Driven `async move` block**, for every other function (a method, an
//!    associated function of a possibly generic impl, a test, any `main`
//!    that may not be the program's): no inner function could see `self`,
//!    `Self` or the impl's parameters. A never-taken `return` of the declared type
//!    comes first, so the body's errors stay in the body:
//!
//!    ```text
//!    fn name(&self) -> R {
//!        ::lazy_main::__private::block_on(async move {
//!            if false { return ::lazy_main::__private::unreachable::<R>(); }
//!            body
//!        })
//!    }
//!    ```
//!
//! 3. **Checked body next to an error** in the signature: the body checked
//!    with the whole signature the user wrote, so its own errors are still
//!    reported, and nothing called, so no error follows from the first. A
//!    function that may be in an impl keeps its signature, and its body is
//!    shape 2's block, never driven; the program's `main` and a test get an
//!    inner `async fn` (left out when it could not see `self` or `Self`).
//!    The errors follow the item as `compile_error!`s.
//!
//!    ```text
//!    fn name<T>(x: T) -> R where … {      // may be in an impl
//!        let _ = async move { if false { return …; } body };
//!        ::core::unreachable!()
//!    }
//!    fn main() -> R {                     // the program's `main`, a test
//!        async fn main(x: u32) -> R { body }
//!        ::core::unreachable!()
//!    }
//!    ```
//!
//! A test whose parameters an attribute below ours supplies (`#[test_case(…)]`,
//! `#[rstest]`) is emitted as written, with `#[lazy_main::test(…)]` moved
//! right below that attribute: each test it generates is then driven. A
//! function that another runtime's attribute above ours has already made
//! sync (tokio's, …) is emitted as that attribute left it, next to one error.
//!
//! Arguments change what drives the future in shapes 1 and 2: with `trace`,
//! the future is wrapped as `__private::Traced::new("name", future)` (and
//! `.verbose()`); with `block_on = path`, it is driven by
//! `__private::drive(future, path)` instead of `__private::block_on(future)`.
//!
//! A non-function is emitted unchanged, next to its error.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};

use crate::args::{Args, Trace};
use crate::awaits;
use crate::errors::Errors;
use crate::item::{mentions, Function};
use crate::valid::{self, Accepted, Unsupported};
use crate::{Kind, Target};

/// Expands one use of the attribute. Never panics: every problem becomes a
/// `compile_error!` next to a best-effort item, so the rest of the crate
/// still type-checks and each problem is reported once.
pub(crate) fn expand(
    kind: Kind,
    target: Target,
    arguments: TokenStream,
    item: TokenStream,
) -> TokenStream {
    let mut errors = Errors::default();
    let written_arguments = arguments.clone(); // for `below_generator`
    let args = Args::parse(arguments, &mut errors);
    let mut output = match Function::read(item.clone()) {
        Ok(function) => {
            let accepted = valid::validate(&function, kind, target, &mut errors);
            let generator = accepted.generator.filter(|_| errors.is_empty());
            if accepted.driven_by_runtime.is_some() {
                item // that runtime's sync function, as it made it
            } else if let Some(generator) = generator {
                below_generator(&args, &written_arguments, item, generator)
                    .unwrap_or_else(|| function_tokens(kind, &args, &function, &accepted))
            } else {
                function_tokens(kind, &args, &function, &accepted)
            }
        }
        Err(not_a_function) => {
            errors.push(valid::not_a_function(kind, &not_a_function));
            item
        }
    };
    output.extend(std::iter::once(errors.to_compile_errors()));
    output
}

/// The function as written, with `#[lazy_main::test(arguments)]` again,
/// right below the attribute that generates tests from its parameters
/// (`#[test_case(…)]`, `#[rstest]`), the order in which each generated test
/// is an `async fn` without parameters that the attribute drives: the
/// generator expands first, and copies the attribute onto each test it
/// makes. `None` if the attributes are not where reading found them (an
/// item inside a `macro_rules!` fragment's invisible group).
fn below_generator(
    args: &Args,
    arguments: &TokenStream,
    item: TokenStream,
    generator: usize,
) -> Option<TokenStream> {
    let trees: Vec<TokenTree> = item.into_iter().collect();
    let split = 2 * (generator + 1);
    let attributes_in_place = trees.get(..split)?.chunks(2).all(|pair| {
        matches!(pair, [TokenTree::Punct(pound), TokenTree::Group(brackets)]
            if pound.as_char() == '#' && brackets.delimiter() == Delimiter::Bracket)
    });
    if !attributes_in_place {
        return None;
    }
    let krate = args.krate.clone().unwrap_or_else(|| quote!(::lazy_main));
    let arguments = (!arguments.is_empty()).then(|| quote!((#arguments)));
    let (above, below) = trees.split_at(split);
    Some(quote!(#(#above)* #[#krate::test #arguments] #(#below)*))
}

fn function_tokens(
    kind: Kind,
    args: &Args,
    function: &Function,
    accepted: &Accepted,
) -> TokenStream {
    let Function {
        vis,
        fn_token,
        name,
        output,
        ..
    } = function;
    let Accepted {
        attrs,
        lifetimes,
        params: kept_params,
        unsupported,
        where_clause: kept_where_clause,
        ..
    } = accepted;
    // A test generator adds its own test attribute to each test it makes
    // from a sync function; this one is left for the errors next to it.
    let test_attribute =
        (kind == Kind::Test && !accepted.has_test_attribute && accepted.generator.is_none())
            .then(|| quote!(#[::core::prelude::v1::test]));

    // Next to a signature error, callers of a plain function keep
    // type-checking against the signature they wrote. Not for the program's
    // `main` or a test, where parameters and generics are errors of their own
    // (E0580, E0131, "functions used as tests can not have any arguments").
    let keep_signature = unsupported.any() && kind == Kind::Main && !accepted.programs_main;
    let outer_body = if unsupported.any() {
        checked_body_only(args, function, accepted, keep_signature)
    } else {
        driving_body(kind, args, function, accepted)
    };
    // The braces carry the body's span, so that lints about the function
    // (`dead_code`, say) see the user's item, not the macro's. Not under an
    // attribute that puts them in braces of its own (googletest's
    // `{ #block }`, rstest's): rustc's `unused_braces` would then blame the
    // user's braces, as it does for a one-line sync test there.
    let mut outer_body = Group::new(Delimiter::Brace, outer_body);
    if !accepted.wrapped && accepted.generator.is_none() {
        outer_body.set_span(accepted.body_span);
    }
    let allow_unused = (keep_signature || (unsupported.any() && accepted.generator.is_some()))
        .then(|| quote!(#[allow(unused_variables)]));
    // A plain `async fn` returns a future, which is `must_use` already;
    // clippy would suggest `#[must_use]` for the sync function it becomes.
    let helper = kind == Kind::Main && !accepted.programs_main;
    let allow_must_use = (helper && !output.is_empty())
        .then(|| quote!(#[cfg_attr(clippy, allow(clippy::must_use_candidate))]));
    // Clippy looks for panics in a function that returns `Result` through
    // its closures, the body's `async move` block among them, but not into a
    // plain `async fn`, whose type is a future: the body's own asserts are
    // not the sync function's doing.
    let block_shaped = !unsupported.any() && !inner_function(kind, function, accepted);
    let allow_panics = (block_shaped && !output.is_empty())
        .then(|| quote!(#[cfg_attr(clippy, allow(clippy::panic_in_result_fn))]));
    let empty = Unsupported::default();
    let kept = if keep_signature { unsupported } else { &empty };
    let generics = if kept.generics.is_empty() {
        lifetimes
    } else {
        &kept.generics
    };
    let (params, where_clause) = (&kept.params, &kept.where_clause);
    // The sync function starts where the `async fn` did: rustc underlines
    // the whole item (in the never-type fallback lint, say) from its first
    // keyword. (An editor then finds `fn` at `async`.)
    let mut fn_token = fn_token.clone();
    if let Some(asyncness) = &function.asyncness {
        fn_token.set_span(asyncness.span());
    }
    // The user's parentheses' span, so that the signature spans what the
    // user wrote: rustc and clippy point at it for what concerns the whole
    // function.
    let mut parameters = Group::new(Delimiter::Parenthesis, quote!(#kept_params #params));
    parameters.set_span(function.param_span);
    let output = unit_output(function).unwrap_or_else(|| output.clone());
    quote! {
        #(#attrs)*
        #allow_unused
        #allow_must_use
        #allow_panics
        #test_attribute
        #vis #fn_token #name #generics #parameters #output #kept_where_clause #where_clause #outer_body
    }
}

/// A declared `-> ()`, where the user's tokens stand but as the macro's:
/// clippy's `unused_unit` leaves an `async fn` alone, and would take the
/// sync function's copy for one the user wrote.
fn unit_output(function: &Function) -> Option<TokenStream> {
    let [TokenTree::Group(unit)] = function.declared.as_slice() else {
        return None;
    };
    if unit.delimiter() != Delimiter::Parenthesis || !unit.stream().is_empty() {
        return None;
    }
    Some(the_macros(&function.output))
}

/// Shapes 1 and 2: the body as an inner `async fn` or an `async move`
/// block, driven to completion.
fn driving_body(kind: Kind, args: &Args, function: &Function, accepted: &Accepted) -> TokenStream {
    let Function { name, .. } = function;
    let Accepted {
        body, track_caller, ..
    } = accepted;
    let (krate, facade_import) = facade(args);
    // With `block_on = path`, the call sits at the user's path, so a
    // function with the wrong signature is reported there.
    let span = args.block_on.as_ref().map_or_else(Span::call_site, |path| {
        Span::call_site().located_at(span_of(path))
    });
    // Inner attributes (`#![allow(…)]`) go to the top of the sync function's
    // body, as written: there they mean what they mean at the top of a
    // plain `async fn`'s body, attributes of the function.
    let (inner_attributes, block) = match &accepted.block {
        Some(block) => {
            let (attributes, rest) = split_inner_attributes(block);
            (attributes, Some(rest))
        }
        None => (TokenStream::new(), None),
    };
    // With `trace` or `timeout`, each `.await` of the body says where it
    // is, for the report and the messages.
    let labelled = (args.trace.is_some() || args.timeout.is_some())
        .then_some(block.as_ref())
        .flatten()
        .and_then(|block| awaits::label(block, &krate));
    let block = labelled.or(block);
    let body = block
        .as_ref()
        .map_or_else(|| body.clone(), ToTokens::to_token_stream);
    let inner_function = inner_function(kind, function, accepted);
    let future = if inner_function {
        let mut callee = name.clone();
        callee.set_span(span);
        quote_spanned!(span=> #callee())
    } else {
        let opening = accepted.block.as_ref().map_or(span, Group::span_open);
        typed_block(&krate, function, block.as_ref(), opening, &body, span)
    };
    let label = name.to_string();
    let label = label.trim_start_matches("r#");
    let future = match args.trace {
        None => future,
        Some(level) => {
            quote_spanned!(span=> #krate::__private::Traced::new(#label, #future)#level)
        }
    };
    let driver = driver(kind, args, &krate, label);
    // In tail position even for `()`, so that a function returning
    // something else (the future itself, say) is a type error.
    let tail = match (&args.block_on, &accepted.block) {
        (Some(path), _) => quote_spanned!(span=> #krate::__private::drive(#future, #path)),
        // `(block_on)(future)`, its parentheses at the body's braces: the
        // call then spans the body, so that what rustc says of the value the
        // function returns (a hidden type that captures a lifetime, say)
        // points at the body, as for an `async fn`. Only delimiters carry the
        // user's spans; the path stays the macro's, out of the editor's way.
        // The user's block as written: one rebuilt has braces spanning it all.
        (None, Some(block)) => {
            let (driver, first_arguments) = driver;
            let mut callee = Group::new(Delimiter::Parenthesis, driver);
            callee.set_span(block.span_open());
            let mut arguments =
                Group::new(Delimiter::Parenthesis, quote!(#first_arguments #future));
            arguments.set_span(block.span_close());
            quote!(#callee #arguments)
        }
        (None, None) => {
            let (driver, first_arguments) = driver;
            quote!(#driver(#first_arguments #future))
        }
    };
    let inner = inner_function.then(|| inner_async_fn(function, accepted, &body));
    // Without an inner function, rustc's word on `#[track_caller]` comes
    // from one that exists only to carry it.
    let track_caller = (inner.is_none() && track_caller.is_some()).then(|| {
        quote! {
            #[allow(dead_code)]
            #track_caller
            async fn __lazy_main_track_caller() {}
        }
    });
    // A body that never returns: a `return` of it would be unreachable
    // code, which rustc reports (at the attribute) where an `async fn` has
    // no such warning.
    if function.returns_never() {
        return quote!(#inner_attributes #facade_import #track_caller #inner #tail);
    }
    // An explicit `return`, the macro's: clippy's `implicit_return` then
    // leaves the sync function alone, and `needless_return` skips a
    // statement it did not see written.
    quote!(#inner_attributes #facade_import #track_caller #inner return #tail;)
}

/// The inner attributes at the top of `block` (`#![…]`, and `//!` doc
/// comments, which arrive as `#![doc = …]`), and the block without them.
/// A block without any is returned as it is, its braces' spans untouched.
fn split_inner_attributes(block: &Group) -> (TokenStream, Group) {
    // Reading the tokens costs every function; the source text, when there
    // is one, says more cheaply that there is nothing to split.
    if block
        .span()
        .source_text()
        .is_some_and(|text| !starts_with_inner_attribute(&text))
    {
        return (TokenStream::new(), block.clone());
    }
    let tokens: Vec<TokenTree> = block.stream().into_iter().collect();
    let mut end = 0;
    while let [TokenTree::Punct(pound), TokenTree::Punct(bang), TokenTree::Group(brackets), ..] =
        &tokens[end..]
    {
        if pound.as_char() != '#'
            || bang.as_char() != '!'
            || brackets.delimiter() != Delimiter::Bracket
        {
            break;
        }
        end += 3;
    }
    if end == 0 {
        return (TokenStream::new(), block.clone());
    }
    let mut rest = Group::new(Delimiter::Brace, tokens[end..].iter().cloned().collect());
    rest.set_span(block.span());
    (tokens[..end].iter().cloned().collect(), rest)
}

/// Whether a block's source text, `{ … }`, starts with an inner attribute
/// (`#![…]`, `//!`, `/*!`) once whitespace and other comments are skipped.
/// Unsure answers are `true`: the tokens are then read.
fn starts_with_inner_attribute(text: &str) -> bool {
    let mut rest = text.strip_prefix('{').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        if rest.starts_with("//!") || rest.starts_with("/*!") || rest.starts_with('#') {
            return true;
        }
        if let Some(comment) = rest.strip_prefix("//") {
            rest = comment.split_once('\n').map_or("", |(_, after)| after);
        } else if rest.starts_with("/*") {
            return true; // a block comment: let the tokens say
        } else {
            return false;
        }
    }
}

/// Shape 1's inner function: `async fn main() -> R { body }`.
fn inner_async_fn(function: &Function, accepted: &Accepted, body: &TokenStream) -> TokenStream {
    let Function { name, output, .. } = function;
    let Accepted {
        lifetimes,
        track_caller,
        ..
    } = accepted;
    // The declared type appears twice, on the sync function (the user's
    // tokens: what callers, rustdoc and lints see) and on the inner one,
    // shown at the same place but marked as the macro's, so that no lint on
    // it is reported twice. All of it the macro's: a label that points at it
    // ("expected `R` because of return type") is then shown at the user's
    // tokens, as for an `async fn`; a type part the user's, part the
    // macro's, would have no span to show.
    let output = the_macros(output);
    let mut no_parameters = Group::new(Delimiter::Parenthesis, TokenStream::new());
    no_parameters.set_span(function.param_span);
    // At the user's `async`, so that the inner function spans what the user
    // wrote: what rustc says of the function as a whole points there, and
    // lints about the body's value (`clippy::implicit_return`) see the body
    // as in an `async fn`. Its `pub(self)` (private, as without it) is
    // written at that same `async`: to clippy's check for code a macro
    // wrote, a function whose `pub` is not where its text says `pub` is the
    // macro's, so clippy does not count the one call to it as a
    // `single_call_fn`.
    let at_async = function
        .asyncness
        .as_ref()
        .map_or_else(Span::call_site, Ident::span);
    let asyncness = Ident::new("async", at_async);
    let mut self_only = Group::new(Delimiter::Parenthesis, quote_spanned!(at_async=> self));
    self_only.set_span(at_async);
    let private = quote_spanned!(at_async=> pub #self_only);
    // Driven on this thread only: it need not be `Send`; and `async` as the
    // attribute asks, used or not (`unused_async` would have it removed).
    quote! {
        #[cfg_attr(clippy, allow(clippy::future_not_send, clippy::unused_async))]
        #track_caller
        #private #asyncness fn #name #lifetimes #no_parameters #output #body
    }
}

/// Whether the body can be an inner `async fn` with the user's signature
/// (shape 1, checked exactly as the user's own `async fn`): for what may be
/// the program's `main` only (`valid::may_be_programs_main` says when). Any
/// other function may be an associated function of a generic impl, whose
/// parameters and `Self` no inner item can see, and the macro cannot tell.
/// Tests are never in an impl, but many of them are built at once: the
/// block is cheaper to compile, and diagnosed the same way.
fn inner_function(kind: Kind, _: &Function, accepted: &Accepted) -> bool {
    kind == Kind::Main && accepted.programs_main
}

/// Whether the function, as written, uses `self` or `Self` anywhere: then no
/// inner item can be given its signature or body.
fn uses_self(function: &Function, accepted: &Accepted) -> bool {
    // Cheapest tests first: reading the body goes token by token.
    !accepted.params.is_empty()
        || accepted.unsupported.has_receiver
        || [
            &function.generics,
            &function.param_list,
            &function.output,
            &function.where_clause,
            &accepted.body,
        ]
        .into_iter()
        .any(|tokens| mentions(tokens, "Self"))
}

/// Shape 2's block: `async move { typing; body }`.
///
/// A first, never taken, `return` of the declared type gives the block that
/// output type before rustc looks at the body, so a wrong tail, `return` or
/// `?` in the body is reported in the body, as in an `async fn`, not as a
/// mismatch at the call. The body follows as the block's tail: the user's
/// own `{ … }`, as rustc itself lowers an `async fn` (an `async move` block
/// whose tail is the function's body), so the body's rules are those of the
/// user's edition, which rustc reads from the spans of its braces (a
/// block's tail temporaries, for one); the outer braces carry the body's
/// span for the same reason, and so that a temporary that outlives the
/// body is shown dropped at the user's `}`. Neither the type of `-> impl
/// Trait` (no annotation can name it) nor `-> !` (it needs none) is pinned:
/// those bodies are driven as `async move { body }`.
fn typed_block(
    krate: &TokenStream,
    function: &Function,
    block: Option<&Group>,
    opening: Span,
    body: &TokenStream,
    span: Span,
) -> TokenStream {
    let Some(block) = block else {
        return quote_spanned!(span=> async move #body); // an editor's placeholder
    };
    // The declared type: the output after its `->`.
    let declared = &function.declared;
    // `impl Trait` anywhere in it, `(impl Debug, u8)` too, cannot be named.
    let typing =
        (!function.returns_never() && !function.returns_impl).then(|| typing(krate, declared));
    // Labelled, so that rustc's `unused_braces` does not take the user's
    // braces for extra ones around the block's value; the label is the
    // macro's, out of the body's reach.
    // At the user's own `{`: a block rebuilt by `trace` or for inner
    // attributes has braces that span the whole body, and a label there
    // would be, to an editor, at every token of it.
    let label = label("__lazy_main_body", opening);
    let mut typed = Group::new(Delimiter::Brace, quote!(#typing #label: #block));
    typed.set_span(block.span());
    // `async` at the user's own `async`: then the block spans the user's
    // function, and lints that look at the block's value (clippy's
    // `implicit_return`, say) find the body's tail as in an `async fn`.
    let asyncness = function
        .asyncness
        .clone()
        .unwrap_or_else(|| Ident::new("async", span));
    quote_spanned!(span=> #asyncness move #typed)
}

/// How the expansion names the facade, and the `use` that makes that name
/// when the user gave a path: written once, at the user's tokens, so that a
/// path that does not resolve is one error, at the path.
fn facade(args: &Args) -> (TokenStream, Option<TokenStream>) {
    let Some(path) = &args.krate else {
        return (quote!(::lazy_main), None);
    };
    // The alias at the path's last token, so that the `use`, and an error
    // about it, spans just the path.
    let last = path.clone().into_iter().last();
    let at = last.as_ref().map_or_else(Span::call_site, TokenTree::span);
    let alias = Ident::new("__lazy_main_facade", at);
    let local = Ident::new("__lazy_main_facade", Span::call_site());
    (quote!(#local), Some(quote!(use #path as #alias;)))
}

/// What drives the future, and its arguments before the future: the bundled
/// executor, told what to do while the body waits when that is anything but
/// waiting (a test fails when nothing can wake it; `trace` reports a stall;
/// `timeout` sets a deadline).
fn driver(kind: Kind, args: &Args, krate: &TokenStream, label: &str) -> (TokenStream, TokenStream) {
    if kind == Kind::Test && args.trace.is_none() && args.timeout.is_none() {
        return (quote!(#krate::__private::test), quote!(#label,));
    }
    if args.trace.is_none() && args.timeout.is_none() {
        return (quote!(#krate::__private::block_on), TokenStream::new());
    }
    let mut waits = match kind {
        Kind::Test => quote!(#krate::__private::Waits::test(#label)),
        Kind::Main => quote!(#krate::__private::Waits::function(#label)),
    };
    if args.trace.is_some() {
        waits.extend(quote!(.traced()));
    }
    if let Some(timeout) = &args.timeout {
        let millis = proc_macro2::Literal::u64_unsuffixed(timeout.millis);
        waits.extend(quote! {
            .within(::core::option::Option::Some(::core::time::Duration::from_millis(#millis)))
        });
    }
    (quote!(#krate::__private::run), quote!(#waits,))
}

/// `'name`, at `span`.
fn label(name: &str, span: Span) -> TokenStream {
    let mut tick = Punct::new('\'', Spacing::Joint);
    tick.set_span(span);
    [
        TokenTree::Punct(tick),
        TokenTree::Ident(Ident::new(name, span)),
    ]
    .into_iter()
    .collect()
}

/// `if false { return unreachable::<Declared>(); }`: the block's output type,
/// set before the body is checked.
fn typing(krate: &TokenStream, declared: &[TokenTree]) -> TokenStream {
    // From the first to the last token of the declared type, so that rustc's
    // "return type inferred to be … here" points at the signature.
    let first = Span::call_site().located_at(
        declared
            .first()
            .map_or_else(Span::call_site, TokenTree::span),
    );
    let last = Span::call_site().located_at(declared.last().map_or(first, TokenTree::span));
    let declared = if declared.is_empty() {
        quote_spanned!(first=> ())
    } else {
        declared.iter().cloned().collect()
    };
    // The call's first token (`::`, both its halves) and its last at the
    // type: rustc spans the call from one to the other. The names between
    // stay the macro's, where an editor, which maps each token to where it
    // is shown, does not find them on the type.
    let mut callee: Vec<TokenTree> = krate.clone().into_iter().collect();
    let leading = callee
        .iter()
        .take_while(|token| matches!(token, TokenTree::Punct(_)))
        .count()
        .max(1); // `::`, or the first name of a path of the user's
    for token in callee.iter_mut().take(leading) {
        token.set_span(token.span().located_at(first));
    }
    let callee: TokenStream = callee.into_iter().collect();
    let closing = quote_spanned!(last=> >());
    quote!(if false { return #callee::__private::unreachable::<#declared #closing; })
}

/// `tokens`, each shown where it is but marked as the macro's: lints leave
/// them alone, and names resolve as at the call site.
fn the_macros(tokens: &TokenStream) -> TokenStream {
    respan(tokens.clone(), &|span| Span::call_site().located_at(span))
}

/// `tokens` with each span, a group's and its insides' too, replaced by
/// `span` of it.
pub(crate) fn respan(tokens: TokenStream, span: &dyn Fn(Span) -> Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => {
                let mut respanned = Group::new(group.delimiter(), respan(group.stream(), span));
                respanned.set_span(span(group.span()));
                TokenTree::Group(respanned)
            }
            mut other => {
                other.set_span(span(other.span()));
                other
            }
        })
        .collect()
}

/// Shape 3: the body next to a signature error, checked with the user's
/// full signature, but nothing is called, so no second error follows from
/// the first. Where the sync function keeps that signature (a function that
/// may be in an impl), the body is checked there, in the typed `async move`
/// block of shape 2, which sees the impl's parameters, `self` and `Self`;
/// otherwise (the program's `main`, a test) in an inner `async fn` with it.
fn checked_body_only(
    args: &Args,
    function: &Function,
    accepted: &Accepted,
    keep_signature: bool,
) -> TokenStream {
    let Function { name, output, .. } = function;
    let Accepted {
        unsupported, body, ..
    } = accepted;
    if keep_signature {
        let krate = args.krate.clone().unwrap_or_else(|| quote!(::lazy_main));
        let (inner_attributes, block) = match &accepted.block {
            Some(block) => {
                let (attributes, rest) = split_inner_attributes(block);
                (attributes, Some(rest))
            }
            None => (TokenStream::new(), None),
        };
        let body = block
            .as_ref()
            .map_or_else(|| body.clone(), ToTokens::to_token_stream);
        let opening = accepted
            .block
            .as_ref()
            .map_or_else(Span::call_site, Group::span_open);
        let future = typed_block(
            &krate,
            function,
            block.as_ref(),
            opening,
            &body,
            Span::call_site(),
        );
        return quote!(#inner_attributes let _ = #future; ::core::unreachable!());
    }
    // An inner fn cannot see `self` or `Self`: then the body goes unchecked.
    let inner = (!uses_self(function, accepted)).then(|| {
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
    quote!(#inner ::core::unreachable!())
}

/// The span of a whole path, or of its last token where spans cannot join.
fn span_of(path: &TokenStream) -> Span {
    let mut tokens = path.clone().into_iter().map(|token| token.span());
    let first = tokens.next().unwrap_or_else(Span::call_site);
    let last = tokens.last().unwrap_or(first);
    first.join(last).unwrap_or(last)
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
