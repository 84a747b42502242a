//! What the attribute accepts. One step looks at the function as read
//! (`item.rs`), reports each part it cannot take, at the user's tokens and
//! naming the fix, and says how the function can be expanded.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::ToTokens;

use crate::errors::{Error, Errors};
use crate::item::{is_receiver, Attribute, Body, Function, NotAFunction};
use crate::Kind;

/// How a function the attribute has read can be expanded.
pub(crate) struct Accepted {
    /// The user's attributes to keep on the sync function.
    pub(crate) attrs: Vec<TokenStream>,
    /// `#[track_caller]`, which means nothing on the sync function; it goes
    /// where rustc says so about an `async fn`.
    pub(crate) track_caller: Option<TokenStream>,
    /// Lifetime parameters (`<'a>`), kept on the function; empty otherwise.
    pub(crate) lifetimes: TokenStream,
    /// The lone `self` parameter of a method; empty otherwise.
    pub(crate) receiver: TokenStream,
    /// What stands in the body's place: `{ … }`, or the placeholder an editor
    /// puts there while the body does not parse.
    pub(crate) body: TokenStream,
    /// The body's `{ … }` itself, when there is one.
    pub(crate) block: Option<Group>,
    /// The span of the body, for what the expansion puts around it.
    pub(crate) body_span: Span,
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
    let mut accepted = Accepted {
        attrs: Vec::new(),
        track_caller: None,
        lifetimes: TokenStream::new(),
        receiver: TokenStream::new(),
        body: TokenStream::new(),
        block: None,
        body_span: Span::call_site(),
        unsupported: Unsupported::default(),
        has_test_attribute: false,
    };
    attributes(function, kind, errors, &mut accepted);
    for qualifier in &function.qualifiers {
        let keyword = qualifier.clone().into_iter().next().map(|k| k.to_string());
        let keyword = keyword.unwrap_or_default();
        let message = kind.says(&format!(
            "functions cannot be `{keyword}`; remove `{keyword}`"
        ));
        errors.push(Error::spanned(qualifier, message));
    }
    if function.asyncness.is_none() {
        errors.push(Error::new(
            function.fn_token.span(),
            kind.says("needs an `async fn`; add `async` before `fn`"),
        ));
    }
    if !function.generics.is_empty() {
        if only_lifetimes(&function.generics) {
            accepted.lifetimes = function.generics.clone();
        } else {
            accepted.unsupported.generics = function.generics.clone();
            errors.push(Error::spanned(
                &function.generics,
                kind.says("functions cannot be generic; remove the generic parameters"),
            ));
        }
    }
    match function.params.as_slice() {
        [] => {}
        [only] if is_receiver(only) => accepted.receiver = only.clone(),
        params => {
            let unsupported = &mut accepted.unsupported;
            unsupported.has_receiver = is_receiver(&params[0]);
            unsupported.params = function.param_list.clone();
            errors.push(Error::spanned(
                &unsupported.params,
                match kind {
                    Kind::Main => kind.says("functions cannot take parameters; remove them"),
                    Kind::Test => "test functions cannot take parameters; remove them".to_owned(),
                },
            ));
        }
    }
    if !function.where_clause.is_empty() {
        accepted.unsupported.where_clause = function.where_clause.clone();
        errors.push(Error::spanned(
            &function.where_clause,
            kind.says("functions cannot have a `where` clause; remove it"),
        ));
    }
    if !function.stray.is_empty() {
        errors.push(Error::spanned(
            &function.stray,
            "unexpected tokens before the function's body",
        ));
    }
    body(function, kind, errors, &mut accepted);
    accepted
}

/// The other attributes: kept, moved, or reported.
fn attributes(function: &Function, kind: Kind, errors: &mut Errors, accepted: &mut Accepted) {
    for attr in &function.attrs {
        match attribute_problem(attr, kind) {
            Problem::None => accepted.attrs.push(attr.to_token_stream()),
            Problem::TrackCaller => accepted.track_caller = Some(attr.to_token_stream()),
            Problem::SecondTest => {
                accepted.has_test_attribute = true;
                accepted.attrs.push(attr.to_token_stream());
                errors.push(Error::spanned(
                    attr,
                    "a second test attribute is supplied; remove it: `#[lazy_main::test]` already makes this a test",
                ));
            }
            // Left out of the expansion: it would expand again on the sync
            // function and report a missing `async` that is there.
            Problem::Stacked(message) => errors.push(Error::spanned(attr, message)),
        }
    }
}

/// The body, or what stands in its place.
fn body(function: &Function, kind: Kind, errors: &mut Errors, accepted: &mut Accepted) {
    match &function.body {
        Body::Block(block) => {
            accepted.body = block.to_token_stream();
            accepted.body_span = block.span();
            accepted.block = Some(block.clone());
        }
        // A declaration: there is nothing to drive.
        Body::Missing(Some(TokenTree::Punct(semicolon))) if semicolon.as_char() == ';' => {
            errors.push(Error::new(
                semicolon.span(),
                kind.says(
                    "needs a body to drive; a declaration has none: replace `;` with `{ … }`",
                ),
            ));
            accepted.body = quote::quote!({ ::core::unreachable!() });
        }
        // rustc always hands over a body; an editor recovering from a syntax
        // error in it puts a placeholder there. It stays, so that the editor
        // maps it back, and rustc will report the real error itself.
        // The placeholder's span marks it for the editor, which drops every
        // other token carrying it: nothing generated may borrow it.
        Body::Missing(Some(placeholder)) => accepted.body = placeholder.to_token_stream(),
        Body::Missing(None) => {
            errors.push(Error::new(
                Span::call_site(),
                kind.says("needs the function's body `{ … }`"),
            ));
            accepted.body = quote::quote!({ ::core::unreachable!() });
        }
    }
}

/// The error for an item that is not a function, at the token where reading stopped.
pub(crate) fn not_a_function(kind: Kind, NotAFunction(at): &NotAFunction) -> Error {
    let message = kind.says("can only be used on an `async fn`");
    match at {
        Some(token) => Error::spanned(token, message),
        None => Error::new(Span::call_site(), message),
    }
}

/// What the attribute makes of another attribute on the same function.
enum Problem {
    None,
    TrackCaller,
    /// `#[test]` (or another test attribute) next to `#[lazy_main::test]`.
    SecondTest,
    /// Another attribute that drives the body: this one again, the other of
    /// ours, or another runtime's; the message says which.
    Stacked(String),
}

fn attribute_problem(attr: &Attribute, kind: Kind) -> Problem {
    let path = attr.path();
    let written = format!("`#[{}]`", path.join("::"));
    let ours = path.first().is_some_and(|first| first == "lazy_main");
    let last = path.last().map_or("", String::as_str);
    let stacked = |other: &str| {
        Problem::Stacked(format!(
            "{other} cannot be combined with {}: each drives the body; remove one",
            kind.attribute()
        ))
    };
    match (ours, last, kind) {
        (_, "track_caller", _) if path.len() == 1 => Problem::TrackCaller,
        (true, "main" | "lazy_main", Kind::Main) | (true, "test", Kind::Test) => {
            Problem::Stacked(kind.says("is applied twice; remove one"))
        }
        (true, "main" | "lazy_main", Kind::Test) | (true, "test", Kind::Main) => stacked(&written),
        (false, "test", Kind::Test) => Problem::SecondTest,
        // `#[test]` alone makes the sync function a test; `#[tokio::test]` drives it.
        (false, "main" | "test", _) if path.len() > 1 => stacked(&written),
        _ => Problem::None,
    }
}

/// `<'a, 'b: 'a>`: lifetimes only, which the attribute keeps. Each parameter
/// must start with `'`; a lifetime's bounds are lifetimes, so the first other
/// parameter decides before any nested `<…>` or `,` could be miscounted.
fn only_lifetimes(generics: &TokenStream) -> bool {
    let mut parameter_starts = true;
    for token in generics.clone() {
        match &token {
            TokenTree::Punct(p) if matches!(p.as_char(), '<' | ',') => parameter_starts = true,
            // `>` closes the list, also after a trailing `,`.
            TokenTree::Punct(p) if parameter_starts && matches!(p.as_char(), '\'' | '>') => {
                parameter_starts = false;
            }
            _ if parameter_starts => return false,
            _ => {}
        }
    }
    true
}

impl Kind {
    /// `message` said of the attribute: "`#[lazy_main::main]` <message>".
    fn says(self, message: &str) -> String {
        format!("{} {message}", self.attribute())
    }
}

#[cfg(test)]
mod tests {
    use super::only_lifetimes;

    #[test]
    fn lifetimes_are_kept_other_generics_are_not() {
        let only = |generics: &str| only_lifetimes(&generics.parse().unwrap());
        assert!(only("<'a>"));
        assert!(only("<'a, 'b: 'a>"));
        assert!(!only("<T>"));
        assert!(!only("<'a, T: 'a>"));
        assert!(!only("<const N: usize>"));
        assert!(!only("<F: Fn() -> u8>"));
    }
}
