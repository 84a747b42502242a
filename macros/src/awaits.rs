//! For `trace`: each `.await` of the body, labelled with where it is, so that
//! the trace can say where the body waits.
//!
//! `expr.await` becomes `Wrap::new(expr).__lazy_main_at(&SITE).await`, the
//! user's own `.await` tokens kept: for a future, the runtime notes `SITE`
//! while it is pending; for anything else, `Wrap` hands the value back
//! (through `Deref`), so that awaiting it is the same error as without
//! `trace`, at the same token. `SITE` holds `file!()`, `line!()` and
//! `column!()` spanned at the `await` keyword, and a shortened copy of the
//! awaited expression.
//!
//! The body is never parsed: the start of `expr` is found by reading the
//! tokens back from the `.await` over a postfix chain (`a.b(…)[…]?`, paths,
//! turbofish, `async {…}`, macro calls). Where that start is not certain (a
//! `match` or `if` or struct literal before `.await`), the `.await` is left as
//! it is, unlabelled. So are `.await`s inside nested items (a nested `fn`
//! does not run as part of the body's future) and inside macro calls other
//! than std's formatting and assertion macros, whose arguments are plain
//! expressions.

use proc_macro2::{Delimiter, Group, Ident, Literal, Span, TokenStream, TokenTree};
use quote::quote_spanned;

/// Macros whose arguments are expressions, which can hold a labelled `.await`.
const EXPRESSION_MACROS: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "dbg",
    "eprint",
    "eprintln",
    "format",
    "format_args",
    "panic",
    "print",
    "println",
    "todo",
    "unimplemented",
    "unreachable",
    "vec",
    "write",
    "writeln",
];

/// Keywords that end an operand when reading back: `return x.await` awaits `x`.
const NOT_OPERANDS: &[&str] = &[
    "as", "async", "box", "break", "const", "continue", "dyn", "else", "enum", "extern", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "type", "unsafe", "use", "where", "while", "yield",
];

/// Keywords whose `{ … }` is an item's body, not part of the async body.
const ITEMS: &[&str] = &["fn", "impl", "trait", "mod"];

/// `body` with every `.await` it can locate labelled; `krate` names the facade.
pub(crate) fn label(body: &Group, krate: &TokenStream) -> Group {
    let mut labelled = Group::new(body.delimiter(), label_stream(body.stream(), krate));
    labelled.set_span(body.span());
    labelled
}

fn label_stream(stream: TokenStream, krate: &TokenStream) -> TokenStream {
    let original: Vec<TokenTree> = stream.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(original.len());
    // Where each original token starts in `out`.
    let mut starts: Vec<usize> = Vec::with_capacity(original.len());
    let mut item_body_next = false;
    let mut i = 0;
    while i < original.len() {
        starts.push(out.len());
        match &original[i] {
            TokenTree::Punct(dot) if dot.as_char() == '.' && is_await(original.get(i + 1)) => {
                let start = chain_start(&original[..i]).filter(|start| *start < i);
                if let (Some(start), Some(TokenTree::Ident(await_keyword))) =
                    (start, original.get(i + 1))
                {
                    let expression: TokenStream =
                        out.split_off(starts[start]).into_iter().collect();
                    let excerpt = excerpt(&original[start..i]);
                    out.push(labelled(
                        &expression,
                        dot.clone().into(),
                        await_keyword,
                        &excerpt,
                        krate,
                    ));
                    starts.push(out.len());
                    i += 2;
                    continue;
                }
                out.push(original[i].clone());
            }
            TokenTree::Ident(ident) => {
                if ITEMS.iter().any(|item| ident == item) {
                    item_body_next = true;
                }
                out.push(original[i].clone());
            }
            TokenTree::Punct(punct) if matches!(punct.as_char(), ';' | '=') => {
                item_body_next = false;
                out.push(original[i].clone());
            }
            TokenTree::Group(group) => {
                let verbatim = match group.delimiter() {
                    Delimiter::Brace if item_body_next => true,
                    _ => macro_name(&original[..i])
                        .is_some_and(|name| !EXPRESSION_MACROS.iter().any(|known| name == *known)),
                };
                if group.delimiter() == Delimiter::Brace {
                    item_body_next = false;
                }
                if verbatim {
                    out.push(original[i].clone());
                } else {
                    out.push(label(group, krate).into());
                }
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// Reading back, a keyword that ends the operand (see `NOT_OPERANDS`).
fn ends_operand(ident: &Ident) -> bool {
    NOT_OPERANDS.iter().any(|keyword| ident == keyword)
}

fn is_await(token: Option<&TokenTree>) -> bool {
    matches!(token, Some(TokenTree::Ident(ident)) if ident == "await")
}

/// `Wrap::new(expression).__lazy_main_at(&SITE).await`, as one token.
fn labelled(
    expression: &TokenStream,
    dot: TokenTree,
    await_keyword: &Ident,
    excerpt: &str,
    krate: &TokenStream,
) -> TokenTree {
    // `file!()` and friends at the `await` itself: they name its place.
    let here = await_keyword.span();
    let site = quote_spanned! {here=>
        ::core::file!(), line: ::core::line!(), column: ::core::column!()
    };
    let span = Span::call_site().located_at(here);
    let excerpt = Literal::string(excerpt);
    let mut tokens = quote_spanned! {span=>
        #krate::__private::Wrap::new(#expression).__lazy_main_at(&#krate::__private::Site {
            file: #site, excerpt: #excerpt,
        })
    };
    tokens.extend([dot, TokenTree::Ident(await_keyword.clone())]);
    let mut group = Group::new(Delimiter::None, tokens);
    group.set_span(span);
    group.into()
}

/// The name of the macro called by the group that follows `before`
/// (`name!(…)`), if it is a macro call.
fn macro_name(before: &[TokenTree]) -> Option<String> {
    match before {
        [.., TokenTree::Ident(name), TokenTree::Punct(bang)] if bang.as_char() == '!' => {
            Some(name.to_string())
        }
        _ => None,
    }
}

/// Where the operand of an `.await` that follows `tokens` starts: reading
/// back over a postfix chain. `None` if that is not certain.
fn chain_start(tokens: &[TokenTree]) -> Option<usize> {
    let mut end = tokens.len(); // the chain is `tokens[start..end]` so far
    loop {
        let last = end.checked_sub(1)?;
        match &tokens[last] {
            TokenTree::Punct(p) if p.as_char() == '?' => end = last,
            TokenTree::Group(group) => match group.delimiter() {
                // A call or an index, if something callable comes before.
                Delimiter::Parenthesis | Delimiter::Bracket => {
                    if !continues_before(tokens, last) {
                        return Some(last);
                    }
                    end = last;
                }
                // A `macro_rules!` fragment: one operand.
                Delimiter::None => return Some(last),
                Delimiter::Brace => return block_start(tokens, last),
            },
            TokenTree::Ident(ident) if ends_operand(ident) => return None,
            TokenTree::Ident(_) | TokenTree::Literal(_) => {
                match path_or_member_before(tokens, last) {
                    Step::Stop => return Some(last),
                    Step::StopAt(start) => return Some(start),
                    Step::Continue(next_end) => end = next_end,
                }
            }
            // `name!(…)`: the macro's name comes next.
            TokenTree::Punct(p)
                if p.as_char() == '!'
                    && end < tokens.len()
                    && last >= 1
                    && matches!(tokens[last - 1], TokenTree::Ident(_)) =>
            {
                end = last;
            }
            TokenTree::Punct(p) if p.as_char() == '>' => {
                // `f::<T>` or `<T as Trait>`, before a call or a `::`.
                let open = matching_angle(tokens, last)?;
                if is_colon2(tokens, open) {
                    end = open - 2;
                } else {
                    return Some(open);
                }
            }
            TokenTree::Punct(_) => return (end < tokens.len()).then_some(end),
        }
    }
}

enum Step {
    /// The chain starts at the token just read.
    Stop,
    /// It starts at this earlier token (a leading `::`).
    StopAt(usize),
    /// It goes on before: read back from this end.
    Continue(usize),
}

/// After an identifier or literal at `index`: `.member` or `path::segment`?
fn path_or_member_before(tokens: &[TokenTree], index: usize) -> Step {
    if index >= 1 && is_punct(&tokens[index - 1], '.') {
        // `a..b` is a range, not a member.
        if index >= 2 && is_joint_punct(&tokens[index - 2], '.') {
            return Step::Stop;
        }
        return Step::Continue(index - 1);
    }
    if is_colon2(tokens, index) {
        let colons = index - 2;
        return match colons.checked_sub(1).map(|i| &tokens[i]) {
            Some(TokenTree::Ident(ident)) if !ends_operand(ident) => Step::Continue(colons),
            Some(TokenTree::Punct(p)) if p.as_char() == '>' => Step::Continue(colons),
            _ => Step::StopAt(colons),
        };
    }
    Step::Stop
}

/// Whether the call or index group at `index` has a callee before it.
fn continues_before(tokens: &[TokenTree], index: usize) -> bool {
    let Some(before) = index.checked_sub(1).map(|i| &tokens[i]) else {
        return false;
    };
    match before {
        TokenTree::Ident(ident) => !ends_operand(ident),
        TokenTree::Group(_) | TokenTree::Literal(_) => true,
        TokenTree::Punct(p) => matches!(p.as_char(), '?' | '>' | '!'),
    }
}

/// The start of a `{ … }` operand at `index`: `async {…}`, `async move {…}`,
/// `unsafe {…}`, `const {…}`, or a macro call `name! {…}`; else uncertain.
fn block_start(tokens: &[TokenTree], index: usize) -> Option<usize> {
    let word = |i: usize| match tokens.get(i) {
        Some(TokenTree::Ident(ident)) => Some(ident.to_string()),
        _ => None,
    };
    let before = index.checked_sub(1)?;
    match word(before).as_deref() {
        Some("async" | "unsafe" | "const") => Some(before),
        Some("move") if before >= 1 && word(before - 1).as_deref() == Some("async") => {
            Some(before - 1)
        }
        _ if is_punct(&tokens[before], '!') => {
            let name = before.checked_sub(1)?;
            matches!(tokens[name], TokenTree::Ident(_)).then(|| chain_start(&tokens[..=name]))?
        }
        _ => None,
    }
}

/// The `<` that opens the `>` at `close`; the `>` of `->` closes nothing.
fn matching_angle(tokens: &[TokenTree], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for index in (0..=close).rev() {
        match &tokens[index] {
            TokenTree::Punct(p) if p.as_char() == '>' => {
                let arrow = index >= 1 && is_joint_punct(&tokens[index - 1], '-');
                if !arrow {
                    depth += 1;
                }
            }
            TokenTree::Punct(p) if p.as_char() == '<' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(index);
                }
            }
            TokenTree::Punct(p) if p.as_char() == ';' => return None,
            _ => {}
        }
    }
    None
}

/// Whether `::` ends just before `index`.
fn is_colon2(tokens: &[TokenTree], index: usize) -> bool {
    index >= 2 && is_joint_punct(&tokens[index - 2], ':') && is_punct(&tokens[index - 1], ':')
}

fn is_punct(token: &TokenTree, ch: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == ch)
}

fn is_joint_punct(token: &TokenTree, ch: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == ch && p.spacing() == proc_macro2::Spacing::Joint)
}

/// The awaited expression, short: groups' contents elided (`timer(…).await`).
fn excerpt(tokens: &[TokenTree]) -> String {
    const LONGEST: usize = 48;
    let mut text = String::new();
    write_excerpt(tokens, &mut text);
    if text.chars().count() > LONGEST {
        text = text.chars().take(LONGEST - 1).collect::<String>() + "…";
    }
    text + ".await"
}

fn write_excerpt(tokens: &[TokenTree], text: &mut String) {
    let mut after_word = false;
    for token in tokens {
        match token {
            TokenTree::Ident(_) | TokenTree::Literal(_) => {
                if after_word {
                    text.push(' ');
                }
                text.push_str(&token.to_string());
                after_word = true;
            }
            TokenTree::Punct(punct) => {
                text.push(punct.as_char());
                after_word = false;
            }
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => (" {", "}"),
                    Delimiter::None => {
                        let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                        write_excerpt(&inner, text);
                        after_word = true;
                        continue;
                    }
                };
                text.push_str(open);
                if !group.stream().is_empty() {
                    text.push('…');
                }
                text.push_str(close);
                after_word = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{chain_start, excerpt};
    use proc_macro2::{TokenStream, TokenTree};

    /// The operand of the last `.await` in `source`, as its excerpt.
    fn operand(source: &str) -> Option<String> {
        let tokens: Vec<TokenTree> = source.parse::<TokenStream>().unwrap().into_iter().collect();
        let dot = tokens.len() - 2;
        chain_start(&tokens[..dot]).map(|start| excerpt(&tokens[start..dot]))
    }

    #[test]
    fn operands_are_found_by_reading_back() {
        for (source, expected) in [
            ("f().await", "f().await"),
            ("let v = self.name().await", "self.name().await"),
            ("a.b.c(1)[2]?.await", "a.b.c(…)[…]?.await"),
            ("x = foo::bar::<T>(y).await", "foo::bar::<T>(…).await"),
            (
                "::std::future::ready(1).await",
                "::std::future::ready(…).await",
            ),
            ("<T as Tr>::f().await", "<T as Tr>::f().await"),
            ("let v = async { x }.await", "async {…}.await"),
            ("async move { x }.await", "async move {…}.await"),
            ("m!(x).await", "m!(…).await"),
            ("(a + b).await", "(…).await"),
            ("x.await.await", "x.await.await"),
            ("&x.await", "x.await"),
            ("return x.await", "x.await"),
            ("match x.await", "x.await"),
            ("|x| x.await", "x.await"),
            ("y = x.0.await", "x.0.await"),
            ("..x.await", "x.await"),
            ("Vec::<u8>::new().await", "Vec::<u8>::new().await"),
            ("f::<fn() -> u8>(g).await", "f::<fn()->u8>(…).await"),
        ] {
            assert_eq!(operand(source).as_deref(), Some(expected), "{source}");
        }
        for uncertain in [
            "match x { _ => y }.await",
            "if c { a } else { b }.await",
            "S { a }.await",
        ] {
            assert_eq!(operand(uncertain), None, "{uncertain}");
        }
    }
}
