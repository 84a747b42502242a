//! Reading the annotated function into its pieces, with the user's tokens and
//! spans. Reading decides nothing about what the attribute accepts (that is
//! `valid.rs`): it only describes what the signature has.
//!
//! The body is taken off the end first: an item's body is its last token, and
//! it stays an untouched brace group, never parsed, so a syntax error in it is
//! rustc's to report, once, and its tokens keep their spans for errors and for
//! rust-analyzer. What is left is read with syn's `ParseStream` (no `full`
//! feature: the signature is read token by token), which also sees through
//! the invisible groups of `macro_rules!` fragments.

use proc_macro2::{Delimiter, Group, Ident, Punct, Span, TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{LitStr, Token};

/// An item that reads as a function, in pieces.
pub(crate) struct Function {
    pub(crate) attrs: Vec<Attribute>,
    /// `pub`, `pub(crate)`, …; empty if private.
    pub(crate) vis: TokenStream,
    /// `const`, `unsafe`, `extern "C"`, … (everything before `fn` but `async`).
    pub(crate) qualifiers: Vec<TokenStream>,
    pub(crate) asyncness: Option<Ident>,
    pub(crate) fn_token: Ident,
    pub(crate) name: Ident,
    /// `<…>`, brackets included; empty without generics.
    pub(crate) generics: TokenStream,
    /// The parameter list as written, without its parentheses.
    pub(crate) param_list: TokenStream,
    /// The span of the parameter list's parentheses.
    pub(crate) param_span: Span,
    /// The same, split at its top-level commas.
    pub(crate) params: Vec<TokenStream>,
    /// `-> Type`, arrow included; empty for `()`.
    pub(crate) output: TokenStream,
    /// The declared type alone, token by token: read once here, since
    /// walking a token stream again costs every attributed function.
    pub(crate) declared: Vec<TokenTree>,
    /// Whether the declared type mentions `impl` (`(impl Debug, u8)` too).
    pub(crate) returns_impl: bool,
    /// `where …`; empty without one.
    pub(crate) where_clause: TokenStream,
    /// Tokens between the signature and the body that belong to neither.
    pub(crate) stray: TokenStream,
    pub(crate) body: Body,
}

/// `#[…]`, as written.
pub(crate) struct Attribute {
    pub(crate) pound: Punct,
    pub(crate) brackets: Group,
}

/// What stands where the body should be.
pub(crate) enum Body {
    /// `{ … }`, untouched.
    Block(Group),
    /// Something else (the item's last token), or nothing.
    Missing(Option<TokenTree>),
}

/// The item is not a function; reading stopped at this token (`None`: at the end).
pub(crate) struct NotAFunction(pub(crate) Option<TokenTree>);

impl Function {
    /// Whether the declared type is `!`.
    pub(crate) fn returns_never(&self) -> bool {
        matches!(self.declared.as_slice(), [TokenTree::Punct(bang)] if bang.as_char() == '!')
    }

    /// Reads `tokens`; where reading stopped if they are not a function at
    /// all (a struct, an impl, …).
    pub(crate) fn read(tokens: TokenStream) -> Result<Self, NotAFunction> {
        let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
        let body = match trees.last().and_then(brace_group) {
            Some(block) => {
                trees.pop();
                Body::Block(block)
            }
            None => Body::Missing(trees.pop()),
        };
        let signature = trees.into_iter().collect::<TokenStream>();
        let read = |input: ParseStream| {
            let read = Self::signature(input, body);
            input.parse::<TokenStream>()?; // what is left where reading stopped
            read
        };
        read.parse2(signature)
            // Every parse in `signature` follows a peek that guarantees it.
            .unwrap_or(Err(NotAFunction(None)))
    }

    fn signature(input: ParseStream, body: Body) -> syn::Result<Result<Self, NotAFunction>> {
        let stop = |at: Option<TokenTree>| Ok(Err(NotAFunction(at)));
        let mut attrs = Vec::new();
        while input.peek(Token![#]) {
            let pound: Token![#] = input.parse()?;
            match input.parse::<TokenTree>()? {
                TokenTree::Group(brackets) if brackets.delimiter() == Delimiter::Bracket => {
                    let mut punct = Punct::new('#', proc_macro2::Spacing::Alone);
                    punct.set_span(pound.span);
                    attrs.push(Attribute {
                        pound: punct,
                        brackets,
                    });
                }
                other => return stop(Some(other)),
            }
        }
        let vis = visibility(input)?;
        let mut qualifiers = Vec::new();
        let mut asyncness = None;
        let fn_token = loop {
            if !input.peek(Ident::peek_any) {
                return stop(input.parse().ok());
            }
            let ident = input.call(Ident::parse_any)?;
            match ident.to_string().as_str() {
                "fn" => break ident,
                "async" => asyncness = Some(ident),
                "const" | "unsafe" | "extern" | "safe" | "default" => {
                    let mut qualifier = ident.into_token_stream();
                    if input.peek(LitStr) {
                        qualifier.append(input.parse::<TokenTree>()?); // the ABI
                    }
                    qualifiers.push(qualifier);
                }
                _ => return stop(Some(ident.into())),
            }
        };
        if !input.peek(Ident::peek_any) {
            return stop(input.parse().ok());
        }
        let name = input.call(Ident::parse_any)?;
        let generics = if input.peek(Token![<]) {
            angle_brackets(input)?
        } else {
            TokenStream::new()
        };
        if !input.peek(syn::token::Paren) {
            return stop(input.parse().ok());
        }
        let content;
        let parentheses = syn::parenthesized!(content in input);
        let param_span = parentheses.span.join();
        let param_list: TokenStream = content.fork().parse()?;
        let params = split_at_commas(&content)?;
        let mut output = TokenStream::new();
        let mut declared = Vec::new();
        if input.peek(Token![->]) {
            output.append(input.parse::<TokenTree>()?); // `-`
            output.append(input.parse::<TokenTree>()?); // `>`
            while !input.is_empty() && !input.peek(Token![where]) {
                declared.push(input.parse::<TokenTree>()?);
            }
            output.extend(declared.iter().cloned());
        }
        let returns_impl = declared.iter().any(|token| match token {
            TokenTree::Ident(ident) => ident == "impl",
            TokenTree::Group(group) => mentions(&group.stream(), "impl"),
            _ => false,
        });
        let mut where_clause = TokenStream::new();
        if input.peek(Token![where]) {
            where_clause = input.parse()?;
        }
        let stray = input.parse()?;
        Ok(Ok(Self {
            attrs,
            vis,
            qualifiers,
            asyncness,
            fn_token,
            name,
            generics,
            param_list,
            param_span,
            params,
            output,
            declared,
            returns_impl,
            where_clause,
            stray,
            body,
        }))
    }
}

/// The runtimes whose attributes, placed above ours, leave a body that
/// [`Function::driven_by_runtime`] recognises.
const BLOCK_ON_RUNTIMES: [&str; 4] = ["async_std", "smol_potat", "pollster", "futures_test"];

impl Function {
    /// The crate of another runtime's attribute that was placed above ours
    /// and has already turned the `async fn` into a sync one driving the
    /// body, recognised by the body it leaves (the function then comes
    /// without `async`). Each shape below is what that crate emits, and not
    /// what a person writes:
    ///
    /// - tokio: `{ let body = async { … }; … { use tokio::runtime::Builder; … } }`
    ///   (the path before `::runtime::Builder` is tokio's, renamed or not);
    /// - async-std, smol-potat, pollster: `{ <crate>::…::block_on(async { { … } }) }`,
    ///   the original body inside the block;
    /// - futures-test: `{ ::futures_test::__private::block_on(async { … }) }`.
    ///
    /// Reading stops at the first token that does not fit; the body is only
    /// looked at, never parsed.
    pub(crate) fn driven_by_runtime(&self) -> Option<String> {
        let Body::Block(body) = &self.body else {
            return None;
        };
        let tokens: Vec<TokenTree> = body.stream().into_iter().collect();
        let words: Vec<String> = tokens.iter().take(4).map(ToString::to_string).collect();
        if words == ["let", "body", "=", "async"] {
            return tokio_path(&body.stream());
        }
        // `<path>::block_on(<argument>)` and nothing else.
        let (TokenTree::Group(call), path) = tokens.split_last()? else {
            return None;
        };
        let path: Vec<String> = path
            .iter()
            .filter(|token| !is_punct(token, ':'))
            .map(ToString::to_string)
            .collect();
        let krate = path.first()?;
        let wraps_a_block = |argument: &[TokenTree]| match argument {
            [TokenTree::Ident(keyword), TokenTree::Group(block)] if keyword == "async" => {
                let inner: Vec<TokenTree> = block.stream().into_iter().collect();
                krate == "futures_test" || matches!(inner.as_slice(), [TokenTree::Group(_)])
            }
            _ => false,
        };
        let argument: Vec<TokenTree> = call.stream().into_iter().collect();
        (call.delimiter() == Delimiter::Parenthesis
            && path.last().is_some_and(|last| last == "block_on")
            && BLOCK_ON_RUNTIMES.contains(&krate.as_str())
            && wraps_a_block(&argument))
        .then(|| krate.clone())
    }
}

/// `tokio` in tokio's `use tokio::runtime::Builder;`, wherever it is in `tokens`.
fn tokio_path(tokens: &TokenStream) -> Option<String> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    trees
        .iter()
        .enumerate()
        .find_map(|(at, token)| match token {
            TokenTree::Group(group) => tokio_path(&group.stream()),
            TokenTree::Ident(ident) if ident == "use" => {
                let path: Vec<String> = trees[at + 1..]
                    .iter()
                    .take_while(|token| !is_punct(token, ';'))
                    .filter(|token| !is_punct(token, ':'))
                    .map(ToString::to_string)
                    .collect();
                let krate = path.strip_suffix(&["runtime".to_owned(), "Builder".to_owned()])?;
                // By hand: `join` would be compiled into the macro for this alone.
                let mut joined = String::new();
                for segment in krate {
                    if !joined.is_empty() {
                        joined.push_str("::");
                    }
                    joined.push_str(segment);
                }
                (!joined.is_empty()).then_some(joined)
            }
            _ => None,
        })
}

/// An attribute's path as written: `#[::core::prelude::v1::test]` is
/// `["core", "prelude", "v1", "test"]` with a leading `::` and no arguments.
#[derive(Default)]
pub(crate) struct AttributePath {
    pub(crate) leading_colons: bool,
    /// One identifier a segment; empty if the attribute does not start with one.
    pub(crate) segments: Vec<String>,
    /// Something follows the path: `(…)` or `= …`.
    pub(crate) has_arguments: bool,
}

impl AttributePath {
    /// The last segment: `main` of `#[tokio::main(flavor = "x")]`.
    pub(crate) fn last(&self) -> &str {
        self.segments.last().map_or("", String::as_str)
    }

    /// The first segment, the crate or module it names: `tokio`.
    pub(crate) fn first(&self) -> &str {
        self.segments.first().map_or("", String::as_str)
    }

    /// Whether this is the compiler's own test attribute, the one that makes a
    /// function a test: `#[test]`, or `core::prelude::*::test` /
    /// `std::prelude::*::test`, with or without a leading `::`. Any other
    /// path ending in `test` lives in another crate.
    pub(crate) fn is_builtin_test(&self) -> bool {
        let segments: Vec<&str> = self.segments.iter().map(String::as_str).collect();
        !self.has_arguments
            && match segments.as_slice() {
                ["test"] => !self.leading_colons,
                ["core" | "std", "prelude", _, "test"] => true,
                _ => false,
            }
    }
}

impl Attribute {
    /// The attribute's path; empty if it does not start with one.
    pub(crate) fn path(&self) -> AttributePath {
        let path = |input: ParseStream| {
            let leading_colons = input.parse::<Option<Token![::]>>()?.is_some();
            let mut segments = vec![input.call(Ident::parse_any)?.to_string()];
            while input.peek(Token![::]) {
                input.parse::<Token![::]>()?;
                segments.push(input.call(Ident::parse_any)?.to_string());
            }
            let has_arguments = !input.is_empty();
            input.parse::<TokenStream>()?; // arguments
            Ok(AttributePath {
                leading_colons,
                segments,
                has_arguments,
            })
        };
        path.parse2(self.brackets.stream()).unwrap_or_default()
    }
}

impl ToTokens for Attribute {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(self.pound.clone());
        tokens.append(self.brackets.clone());
    }
}

/// `pub`, `pub(crate)`, `pub(in path)`, or nothing.
fn visibility(input: ParseStream) -> syn::Result<TokenStream> {
    let mut vis = TokenStream::new();
    if input.peek(Token![pub]) {
        vis.append(input.parse::<TokenTree>()?);
        if input.peek(syn::token::Paren) {
            vis.append(input.parse::<TokenTree>()?);
        }
    }
    Ok(vis)
}

/// `<…>` up to the matching `>`; the `>` of `->` closes nothing.
pub(crate) fn angle_brackets(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    let mut depth = AngleDepth::default();
    loop {
        let token: TokenTree = input.parse()?;
        let closed = depth.feed(&token) == 0;
        tokens.append(token);
        if closed || input.is_empty() {
            return Ok(tokens);
        }
    }
}

/// A comma-separated list split at its top-level commas (commas inside
/// `<…>` separate type arguments); a trailing comma ends the list.
fn split_at_commas(input: ParseStream) -> syn::Result<Vec<TokenStream>> {
    let mut items = Vec::new();
    let mut item = TokenStream::new();
    let mut depth = AngleDepth::default();
    while !input.is_empty() {
        let token: TokenTree = input.parse()?;
        if depth.feed(&token) == 0 && is_punct(&token, ',') {
            items.push(std::mem::take(&mut item));
        } else {
            item.append(token);
        }
    }
    if !item.is_empty() {
        items.push(item);
    }
    Ok(items)
}

/// Whether a parameter is a method's receiver: `self`, `mut self`, `&self`,
/// `&'a mut self`, `self: Type`.
pub(crate) fn is_receiver(param: &TokenStream) -> bool {
    let receiver = |input: ParseStream| {
        if input.parse::<Option<Token![&]>>()?.is_some() {
            input.parse::<Option<syn::Lifetime>>()?;
        }
        input.parse::<Option<Token![mut]>>()?;
        input.parse::<Token![self]>()?;
        let typed = input.peek(Token![:]) && !input.peek(Token![::]);
        let is_receiver = input.is_empty() || typed;
        input.parse::<TokenStream>()?; // `: Type`, or whatever else follows
        Ok(is_receiver)
    };
    receiver.parse2(param.clone()).unwrap_or(false)
}

/// The nesting of `<…>` over a run of tokens; the `>` of `->` closes nothing.
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
            TokenTree::Punct(p) if p.as_char() == '-' && p.spacing() == proc_macro2::Spacing::Joint
        );
        self.depth
    }
}

/// Whether `tokens` hold the identifier `word` anywhere, also in groups.
pub(crate) fn mentions(tokens: &TokenStream, word: &str) -> bool {
    tokens.clone().into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == word,
        TokenTree::Group(group) => mentions(&group.stream(), word),
        _ => false,
    })
}

fn is_punct(token: &TokenTree, ch: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == ch)
}

/// `{ … }`, also inside the invisible group of a `$body:block` fragment.
fn brace_group(token: &TokenTree) -> Option<Group> {
    match token {
        TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => Some(group.clone()),
        TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
            let mut inner = group.stream().into_iter();
            match (inner.next(), inner.next()) {
                (Some(only), None) => brace_group(&only),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_receiver, Body, Function};
    use proc_macro2::TokenStream;

    fn read(source: &str) -> Function {
        Function::read(source.parse().unwrap())
            .unwrap_or_else(|_| panic!("not read as a function: {source}"))
    }

    fn text(tokens: &TokenStream) -> String {
        tokens.to_string()
    }

    #[test]
    fn braces_inside_the_return_type_are_not_the_body() {
        let function = read("async fn f() -> Foo<{ 3 }> { Foo }");
        assert_eq!(text(&function.output), "-> Foo < { 3 } >");
        assert!(matches!(function.body, Body::Block(_)));
    }

    #[test]
    fn the_arrow_inside_generics_does_not_close_them() {
        let function = read("async fn f<F: Fn() -> u8>() -> u8 where F: Copy { 1 }");
        assert_eq!(text(&function.generics), "< F : Fn () -> u8 >");
        assert_eq!(text(&function.output), "-> u8");
        assert_eq!(text(&function.where_clause), "where F : Copy");
    }

    #[test]
    fn parameters_split_at_top_level_commas() {
        let function = read("async fn f(self: Foo<A, B>, x: u8,) {}");
        let params: Vec<String> = function.params.iter().map(text).collect();
        assert_eq!(params, ["self : Foo < A , B >", "x : u8"]);
    }

    #[test]
    fn receivers() {
        let receiver = |source: &str| is_receiver(&source.parse::<TokenStream>().unwrap());
        for receiver_param in [
            "self",
            "mut self",
            "&self",
            "&'a mut self",
            "self: Box<Self>",
        ] {
            assert!(receiver(receiver_param), "{receiver_param}");
        }
        for other in ["", "x: u8", "this: Self", "x: self::Meters", "self::Meters"] {
            assert!(!receiver(other), "{other}");
        }
    }

    #[test]
    fn a_missing_body_is_what_stands_in_its_place() {
        let function = read("async fn f() -> u8;");
        assert_eq!(text(&function.output), "-> u8");
        assert!(matches!(&function.body, Body::Missing(Some(token)) if token.to_string() == ";"));
    }

    /// What each runtime's attribute, above ours, hands on (captured from
    /// tokio 2.7.2, async-std 1.13.2, smol-potat 1.1.2, pollster 1.0.3 and
    /// futures-test 0.3.34), and bodies a person writes.
    #[test]
    fn another_runtimes_expansion_is_recognised_by_its_body() {
        let driven_by = |source: &str| read(source).driven_by_runtime();
        let tokio_test = "#[::core::prelude::v1::test] fn t() -> Result<(), String> { \
            let body = async { work().await?; Ok(()) }; tokio::pin!(body); \
            let body: ::core::pin::Pin<&mut dyn ::core::future::Future<Output = Result<(), String>>> = body; \
            #[allow(clippy::expect_used, clippy::diverging_sub_expression, clippy::needless_return, clippy::unwrap_in_result)] \
            { use tokio::runtime::Builder; return Builder::new_current_thread().enable_all().build() \
            .expect(\"Failed building the Runtime\").block_on(body); } }";
        let tokio_main = "fn f() { let body = async { work().await; }; \
            let body = { if false { let _: &dyn ::core::future::Future<Output = ()> = &body; } body }; \
            #[allow(clippy::expect_used)] { use tokio1::runtime::Builder; \
            return Builder::new_multi_thread().enable_all().build().expect(\"x\").block_on(body); } }";
        assert_eq!(driven_by(tokio_test).as_deref(), Some("tokio"));
        assert_eq!(driven_by(tokio_main).as_deref(), Some("tokio1"));
        for (source, krate) in [
            (
                "fn a() { async_std::task::block_on(async { { work().await; } }) }",
                "async_std",
            ),
            (
                "fn s() { ::smol_potat::async_io::block_on(async { { work().await; } }) }",
                "smol_potat",
            ),
            (
                "#[test] fn p() { ::pollster::block_on(async { { work().await; } }) }",
                "pollster",
            ),
            (
                "fn ft() { ::futures_test::__private::block_on(async { work().await; }) }",
                "futures_test",
            ),
        ] {
            assert_eq!(driven_by(source).as_deref(), Some(krate), "{source}");
        }
        for written in [
            "fn main() { work().await; }",
            "fn main() { let body = async { 1 }; run(body) }",
            "fn main() { pollster::block_on(async { work().await }) }",
            "fn main() { futures::executor::block_on(async { { work().await } }) }",
            "fn main() { ::pollster::block_on(async { { 1 } }); }",
        ] {
            assert_eq!(driven_by(written), None, "{written}");
        }
    }

    #[test]
    fn only_the_compilers_test_attribute_is_builtin() {
        let path = |source: &str| read(&format!("{source} async fn f() {{}}")).attrs[0].path();
        for builtin in [
            "#[test]",
            "#[core::prelude::v1::test]",
            "#[::core::prelude::v1::test]",
            "#[std::prelude::rust_2021::test]",
            "#[::std::prelude::rust_2024::test]",
        ] {
            assert!(path(builtin).is_builtin_test(), "{builtin}");
        }
        for other in [
            "#[test_log::test]",
            "#[googletest::test]",
            "#[tokio::test]",
            "#[::test]",
            "#[test(tokio::test)]",
            "#[core::test]",
        ] {
            assert!(!path(other).is_builtin_test(), "{other}");
        }
    }

    #[test]
    fn other_items_are_not_functions() {
        for source in ["struct S;", "impl S {}", "pub mod m {}", "const X: u8 = 1;"] {
            assert!(Function::read(source.parse().unwrap()).is_err(), "{source}");
        }
    }
}
