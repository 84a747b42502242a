//! Reading the annotated function: attributes, visibility, signature.
//!
//! Only the signature is read, token by token; the body stays an untouched
//! brace group, so a syntax error in it is rustc's to report, once, and its
//! tokens keep their spans for errors and for rust-analyzer.

use proc_macro2::{Delimiter, Group, Ident, Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use syn::Error;

use crate::args::combine;
use crate::Kind;

/// An `async fn` as written by the user, in pieces.
pub(crate) struct Function {
    /// Outer attributes, each `#` with its `[...]` group.
    pub(crate) attrs: Vec<TokenStream>,
    pub(crate) vis: TokenStream,
    pub(crate) fn_token: Ident,
    pub(crate) name: Ident,
    /// A lone `self` parameter (`self`, `&self`, `&mut self`, `self: Box<Self>`),
    /// as in a trait impl; empty otherwise.
    pub(crate) receiver: TokenStream,
    /// `-> Type`, arrow included; empty for `()`.
    pub(crate) output: TokenStream,
    pub(crate) body: Group,
    /// The user already wrote a test attribute (reported as an error).
    pub(crate) has_test_attribute: bool,
    /// What the signature has that the attribute cannot take. Kept so that
    /// the body can still be checked with it while the error is reported.
    pub(crate) unsupported: Unsupported,
}

/// Parts of the signature that are errors, kept for a best-effort expansion.
#[derive(Default)]
pub(crate) struct Unsupported {
    pub(crate) generics: TokenStream,
    /// The parameter list's contents.
    pub(crate) params: TokenStream,
    pub(crate) where_clause: TokenStream,
}

impl Unsupported {
    pub(crate) fn any(&self) -> bool {
        !(self.generics.is_empty() && self.params.is_empty() && self.where_clause.is_empty())
    }

    /// A `self` among the parameters: it cannot be kept on an inner function.
    pub(crate) fn has_receiver(&self) -> bool {
        self.params
            .clone()
            .into_iter()
            .any(|token| match unwrap_invisible(token) {
                TokenTree::Ident(ident) => ident == "self",
                _ => false,
            })
    }
}

/// The result of reading the item.
pub(crate) enum Item {
    /// A function, with every problem in its signature (if any).
    Function(Box<Function>, Option<Error>),
    /// Something else; it is emitted unchanged next to the error.
    Other(TokenStream, Error),
}

impl Item {
    pub(crate) fn parse(tokens: TokenStream, kind: Kind) -> Self {
        let mut cursor = Cursor::new(tokens);
        let reader = Reader { kind, errors: None };
        match reader.function(&mut cursor) {
            Ok((function, errors)) => Self::Function(Box::new(function), errors),
            Err(error) => Self::Other(cursor.tokens.into_iter().collect(), error),
        }
    }
}

struct Reader {
    kind: Kind,
    errors: Option<Error>,
}

impl Reader {
    fn function(mut self, cursor: &mut Cursor) -> syn::Result<(Function, Option<Error>)> {
        let (attrs, has_test_attribute) = self.attributes(cursor);
        let vis = visibility(cursor);
        let (async_token, fn_token) = self.qualifiers(cursor)?;
        if async_token.is_none() {
            self.error(Error::new(
                fn_token.span(),
                format!(
                    "{} needs an `async fn`; add `async` before `fn`",
                    self.kind.attribute()
                ),
            ));
        }
        let name = match cursor.peek() {
            Some(TokenTree::Ident(_)) => cursor.ident(),
            _ => return Err(self.not_a_function(cursor)),
        };
        let mut unsupported = Unsupported::default();
        if cursor.peek_punct('<') {
            unsupported.generics = cursor.generics();
            self.error(Error::new_spanned(
                &unsupported.generics,
                format!(
                    "{} functions cannot be generic; remove the generic parameters",
                    self.kind.attribute()
                ),
            ));
        }
        let Some(params) = cursor.take_group(Delimiter::Parenthesis) else {
            return Err(self.not_a_function(cursor));
        };
        let mut receiver = TokenStream::new();
        if is_lone_receiver(&params.stream()) {
            receiver = params.stream();
        } else if !params.stream().is_empty() {
            unsupported.params = params.stream();
            self.error(Error::new_spanned(
                &unsupported.params,
                match self.kind {
                    Kind::Main => format!(
                        "{} functions cannot take parameters; remove them",
                        self.kind.attribute()
                    ),
                    Kind::Test => "test functions cannot take parameters; remove them".to_owned(),
                },
            ));
        }
        let mut output = TokenStream::new();
        if cursor.peek_punct('-') {
            output.extend(cursor.next());
            output.extend(cursor.next()); // `>`
            output.extend(cursor.take_while(|token| !is_where(token) && !is_body(token)));
        }
        if cursor.peek().is_some_and(is_where) {
            unsupported.where_clause = cursor.take_while(|token| !is_body(token));
            self.error(Error::new_spanned(
                &unsupported.where_clause,
                format!(
                    "{} functions cannot have a `where` clause; remove it",
                    self.kind.attribute()
                ),
            ));
        }
        let body = match cursor.next().map(unwrap_invisible) {
            Some(TokenTree::Group(body)) if body.delimiter() == Delimiter::Brace => body,
            Some(other) => {
                self.error(Error::new_spanned(
                    &other,
                    "expected the function's body `{ ... }`",
                ));
                Group::new(Delimiter::Brace, TokenStream::new())
            }
            None => return Err(self.not_a_function(cursor)),
        };
        if let Some(extra) = cursor.next() {
            self.error(Error::new_spanned(
                extra,
                "unexpected tokens after the function body",
            ));
        }
        let function = Function {
            attrs,
            vis,
            fn_token,
            name,
            receiver,
            output,
            body,
            has_test_attribute,
            unsupported,
        };
        Ok((function, self.errors))
    }

    /// `async`, and any other qualifier (each an error), up to `fn`.
    fn qualifiers(&mut self, cursor: &mut Cursor) -> syn::Result<(Option<Ident>, Ident)> {
        let mut async_token = None;
        loop {
            let Some(TokenTree::Ident(ident)) = cursor.peek() else {
                return Err(self.not_a_function(cursor));
            };
            match ident.to_string().as_str() {
                "fn" => return Ok((async_token, cursor.ident())),
                "async" => async_token = Some(cursor.ident()),
                "const" | "unsafe" | "extern" | "safe" | "default" => {
                    let qualifier = cursor.ident();
                    let abi = cursor.take_if(|token| matches!(token, TokenTree::Literal(_)));
                    let message = format!(
                        "{} functions cannot be `{qualifier}`; remove `{qualifier}`",
                        self.kind.attribute()
                    );
                    let error = match abi {
                        Some(abi) => Error::new_spanned(quote::quote!(#qualifier #abi), message),
                        None => Error::new(qualifier.span(), message),
                    };
                    self.error(error);
                }
                _ => return Err(self.not_a_function(cursor)),
            }
        }
    }

    /// Outer attributes; reports a test attribute that would make a second test.
    fn attributes(&mut self, cursor: &mut Cursor) -> (Vec<TokenStream>, bool) {
        let mut attrs = Vec::new();
        let mut has_test_attribute = false;
        while cursor.peek_punct('#') {
            let mut attr = TokenStream::new();
            attr.extend(cursor.next());
            let Some(group) = cursor.take_group(Delimiter::Bracket) else {
                break;
            };
            if self.kind == Kind::Test && is_test_attribute(&group) {
                has_test_attribute = true;
                self.error(Error::new_spanned(
                    quote::quote!(#attr #group),
                    "a second test attribute is supplied; remove it: `#[lazy_main::test]` already makes this a test",
                ));
            }
            group.to_tokens(&mut attr);
            attrs.push(attr);
        }
        (attrs, has_test_attribute)
    }

    fn not_a_function(&self, cursor: &mut Cursor) -> Error {
        let message = format!(
            "{} can only be used on an `async fn`",
            self.kind.attribute()
        );
        match cursor.next() {
            Some(token) => Error::new_spanned(token, message),
            None => Error::new(proc_macro2::Span::call_site(), message),
        }
    }

    fn error(&mut self, error: Error) {
        combine(&mut self.errors, error);
    }
}

/// `pub`, `pub(crate)`, `pub(in path)`, or a `$vis` fragment; empty if private.
fn visibility(cursor: &mut Cursor) -> TokenStream {
    let mut vis = TokenStream::new();
    match cursor.peek() {
        Some(TokenTree::Ident(ident)) if ident == "pub" => {
            vis.extend(cursor.next());
            if let Some(scope) = cursor.take_group(Delimiter::Parenthesis) {
                vis.extend([TokenTree::Group(scope)]);
            }
        }
        Some(TokenTree::Group(group))
            if group.delimiter() == Delimiter::None
                && group.stream().into_iter().next().map_or(
                    true,
                    |first| matches!(&first, TokenTree::Ident(ident) if ident == "pub"),
                ) =>
        {
            vis.extend(cursor.next());
        }
        _ => {}
    }
    vis
}

/// `#[test]`, `#[core::prelude::v1::test]`, `#[tokio::test]`, ...: any path ending in `test`.
fn is_test_attribute(group: &Group) -> bool {
    let mut last_ident = None;
    for token in group.stream() {
        match token {
            TokenTree::Ident(ident) => last_ident = Some(ident),
            TokenTree::Punct(punct) if punct.as_char() == ':' => {}
            _ => return false,
        }
    }
    last_ident.is_some_and(|ident| ident == "test")
}

/// `self`, `mut self`, `&self`, `&'a mut self`, `self: Type`, alone (a
/// trailing comma allowed): a method's receiver, which the body may use.
fn is_lone_receiver(params: &TokenStream) -> bool {
    let mut tokens = params.clone().into_iter().map(unwrap_invisible).peekable();
    let mut skip =
        |wanted: &dyn Fn(&TokenTree) -> bool| tokens.next_if(|token| wanted(token)).is_some();
    skip(&|token| is_punct(token, '&'));
    if skip(&|token| is_punct(token, '\'')) {
        skip(&|token| matches!(token, TokenTree::Ident(_)));
    }
    skip(&|token| matches!(token, TokenTree::Ident(ident) if ident == "mut"));
    if !skip(&|token| matches!(token, TokenTree::Ident(ident) if ident == "self")) {
        return false;
    }
    // Whatever follows (`: Type`) must not start a second parameter:
    // no comma outside `<...>`, except one at the very end.
    let mut angles = AngleDepth::default();
    let mut rest = tokens.peekable();
    while let Some(token) = rest.next() {
        let depth = angles.feed(&token);
        if is_punct(&token, ',') && depth == 0 && rest.peek().is_some() {
            return false;
        }
    }
    true
}

/// The nesting of `<...>` over a run of tokens; the `>` of `->` closes nothing.
#[derive(Default)]
struct AngleDepth {
    depth: usize,
    after_joint_minus: bool,
}

impl AngleDepth {
    /// Takes the next token; returns the depth after it.
    fn feed(&mut self, token: &TokenTree) -> usize {
        if is_punct(token, '<') {
            self.depth += 1;
        } else if is_punct(token, '>') && !self.after_joint_minus {
            self.depth = self.depth.saturating_sub(1);
        }
        self.after_joint_minus = matches!(
            token,
            TokenTree::Punct(p) if p.as_char() == '-' && p.spacing() == Spacing::Joint
        );
        self.depth
    }
}

fn is_punct(token: &TokenTree, ch: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == ch)
}

fn is_where(token: &TokenTree) -> bool {
    matches!(token, TokenTree::Ident(ident) if ident == "where")
}

/// The body is the last token; a `{` group earlier is part of a type
/// (`-> Foo<{ N }>`), so only a brace group at the very end counts.
fn is_body(token: &TokenTree) -> bool {
    matches!(
        unwrap_invisible(token.clone()),
        TokenTree::Group(group) if group.delimiter() == Delimiter::Brace
    )
}

/// Top-level tokens and a position in them.
struct Cursor {
    tokens: Vec<TokenTree>,
    position: usize,
}

impl Cursor {
    fn new(tokens: TokenStream) -> Self {
        Self {
            tokens: tokens.into_iter().collect(),
            position: 0,
        }
    }

    fn peek(&self) -> Option<&TokenTree> {
        self.tokens.get(self.position)
    }

    fn next(&mut self) -> Option<TokenTree> {
        let token = self.tokens.get(self.position).cloned();
        self.position += usize::from(token.is_some());
        token
    }

    fn is_last(&self) -> bool {
        self.position + 1 == self.tokens.len()
    }

    fn peek_punct(&self, ch: char) -> bool {
        self.peek().is_some_and(|token| is_punct(token, ch))
    }

    /// The next token, which the caller has seen to be an identifier.
    fn ident(&mut self) -> Ident {
        match self.next() {
            Some(TokenTree::Ident(ident)) => ident,
            _ => unreachable!("peeked an identifier"),
        }
    }

    fn take_if(&mut self, wanted: impl Fn(&TokenTree) -> bool) -> Option<TokenTree> {
        if self.peek().is_some_and(wanted) {
            self.next()
        } else {
            None
        }
    }

    fn take_group(&mut self, delimiter: Delimiter) -> Option<Group> {
        match self
            .take_if(|token| matches!(token, TokenTree::Group(g) if g.delimiter() == delimiter))
        {
            Some(TokenTree::Group(group)) => Some(group),
            _ => None,
        }
    }

    /// Tokens while `wanted` holds. A brace group stops it only when it is
    /// the last token: the body; a `{ N }` inside a type is taken.
    fn take_while(&mut self, wanted: impl Fn(&TokenTree) -> bool) -> TokenStream {
        let mut taken = TokenStream::new();
        while let Some(token) = self.peek() {
            if !wanted(token) && (self.is_last() || !is_body(token)) {
                break;
            }
            taken.extend(self.next());
        }
        taken
    }

    /// `<...>` up to the matching `>`, not counting the `>` of `->`.
    fn generics(&mut self) -> TokenStream {
        let mut taken = TokenStream::new();
        let mut angles = AngleDepth::default();
        while let Some(token) = self.next() {
            let closed = angles.feed(&token) == 0;
            taken.extend([token]);
            if closed {
                break;
            }
        }
        taken
    }
}

/// A `None`-delimited group holding one token (a `macro_rules!` fragment), opened.
fn unwrap_invisible(token: TokenTree) -> TokenTree {
    match token {
        TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
            let mut inner = group.stream().into_iter();
            match (inner.next(), inner.next()) {
                (Some(only), None) => unwrap_invisible(only),
                _ => TokenTree::Group(group),
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_lone_receiver, Item};
    use crate::Kind;
    use proc_macro2::TokenStream;

    fn read(source: &str) -> (String, String, String, bool) {
        match Item::parse(source.parse().unwrap(), Kind::Main) {
            Item::Function(function, errors) => (
                function.output.to_string(),
                function.unsupported.generics.to_string(),
                function.unsupported.where_clause.to_string(),
                errors.is_some(),
            ),
            Item::Other(..) => panic!("not read as a function: {source}"),
        }
    }

    #[test]
    fn braces_inside_the_return_type_are_not_the_body() {
        let (output, _, _, errors) = read("async fn f() -> Foo<{ 3 }> { Foo }");
        assert_eq!(output, "-> Foo < { 3 } >");
        assert!(!errors);
    }

    #[test]
    fn the_arrow_inside_generics_does_not_close_them() {
        let (output, generics, where_clause, errors) =
            read("async fn f<F: Fn() -> u8>() -> u8 where F: Copy { 1 }");
        assert_eq!(generics, "< F : Fn () -> u8 >");
        assert_eq!(output, "-> u8");
        assert_eq!(where_clause, "where F : Copy");
        assert!(errors);
    }

    #[test]
    fn receivers() {
        let receiver = |source: &str| is_lone_receiver(&source.parse::<TokenStream>().unwrap());
        for lone in [
            "self",
            "mut self",
            "&self",
            "&'a mut self",
            "self: Box<Self>",
            "self,",
        ] {
            assert!(receiver(lone), "{lone}");
        }
        for more in [
            "",
            "x: u8",
            "&self, x: u8",
            "self: Foo<A, B>, x: u8",
            "this: Self",
        ] {
            assert!(!receiver(more), "{more}");
        }
        assert!(receiver("self: Foo<A, B>"));
    }

    #[test]
    fn other_items_are_not_functions() {
        for source in ["struct S;", "impl S {}", "pub mod m {}", "const X: u8 = 1;"] {
            assert!(matches!(
                Item::parse(source.parse().unwrap(), Kind::Test),
                Item::Other(..)
            ));
        }
    }
}
