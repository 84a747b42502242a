//! For `trace`: each `.await` of the body, labelled with where it is, so that
//! the trace can say where the body waits.
//!
//! ```text
//! expr.await   becomes   (Wrap::new)(expr).__lazy_main_at("expr.await").await
//! ```
//!
//! The user's `.await` tokens are kept. For a future, the runtime notes
//! the site while it is pending; for anything else, `Wrap` hands the value
//! back (through `Deref`), so that awaiting it is the same error as without
//! `trace`. `Wrap::new` is a call, not a method of `expr`, so an operand
//! whose type is inferred later (a closure's parameter) still compiles.
//!
//! The body is never parsed. The start of `expr` is found by reading the
//! tokens back from the `.await` over a postfix chain — a path, literal,
//! `(…)`, `[…]`, macro call or `async`/`unsafe`/`const`/`loop` block,
//! followed by calls, indexing, fields, methods, turbofish and `?` — and
//! only where the token before it cannot extend it (an operator, a keyword,
//! a `,`, the start of the group, an attribute, a label). Anything else (a
//! `match`, `if` or struct literal before `.await`, a qualified path after
//! an operand) is left as written, unlabelled: a missing label is a small
//! loss, a changed program would not be.
//!
//! Spans: the parentheses around `Wrap::new` and the argument lists carry
//! the spans of the operand's first and last tokens, so that the whole call
//! spans exactly what `expr` spans, and `….await` still runs from the user's
//! first token to `await`: errors about it, and rustc's suggestions
//! (`remove the .await`), read as without `trace`. Everything else inserted
//! is the macro's (`Span::call_site()`), so lints and the editor leave it
//! alone. The method is `#[track_caller]`, at the `.` of `.await`: where it
//! is called from is where the `.await` is, and its one argument a shortened
//! copy of the awaited expression.
//!
//! Left as written: `.await`s inside nested items (a nested `fn` does not run
//! as part of the body's future; a `const` or `static` initializer is not
//! async), inside attributes, and inside macro calls other than std's
//! formatting family (`println!`, `format!`, `write!`, `panic!`,
//! `assert_eq!`, …), whose arguments are expressions printed by value.
//! `assert!`, `dbg!`, `stringify!` and other macros print or inspect their
//! input's text, so their insides are never touched.

use proc_macro2::{Delimiter, Group, Ident, Literal, Spacing, Span, TokenStream, TokenTree};
use quote::quote;

/// std's macros whose arguments are expressions printed by value, never by
/// their text: an `.await` in them can be labelled.
const FORMATTING_MACROS: &[&str] = &[
    "assert_eq",
    "assert_ne",
    "debug_assert_eq",
    "debug_assert_ne",
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
    "write",
    "writeln",
];

/// Keywords that end an operand when reading back: `return x.await` awaits `x`.
const NOT_OPERANDS: &[&str] = &[
    "as", "async", "box", "break", "const", "continue", "dyn", "else", "enum", "extern", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "type", "unsafe", "use", "where", "while", "yield",
];

/// Keywords that start an item whose body, up to its `{ … }` or `;`, is not
/// part of the async body.
const ITEMS: &[&str] = &[
    "fn", "impl", "trait", "mod", "struct", "enum", "static", "type", "use", "extern",
];

/// `body` with every `.await` it can label labelled, or `None` when there
/// is none (then the body is emitted untouched). `krate` names the facade.
pub(crate) fn label(body: &Group, krate: &TokenStream) -> Option<Group> {
    let mut labels = 0;
    let mut shadowed = Vec::new();
    macros_defined(&body.stream(), &mut shadowed);
    let labelled = label_group(
        body,
        &Labelling {
            krate,
            shadowed: &shadowed,
        },
        &mut labels,
    );
    (labels > 0).then_some(labelled)
}

/// What labelling needs besides the tokens.
struct Labelling<'a> {
    krate: &'a TokenStream,
    /// Macros the body defines (`macro_rules! format`): a formatting macro's
    /// name among them is the body's own macro, left as written.
    shadowed: &'a [String],
}

/// The names of the `macro_rules!` macros defined in `tokens`, at any depth.
fn macros_defined(tokens: &TokenStream, names: &mut Vec<String>) {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (index, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(ident) if ident == "macro_rules" => {
                if let (Some(bang), Some(TokenTree::Ident(name))) =
                    (tokens.get(index + 1), tokens.get(index + 2))
                {
                    if is_punct(bang, '!') {
                        names.push(name.to_string());
                    }
                }
            }
            TokenTree::Group(group) => macros_defined(&group.stream(), names),
            _ => {}
        }
    }
}

/// `group` with its `.await`s labelled; the group itself when it has none,
/// so that every untouched group keeps its delimiters' exact spans.
fn label_group(group: &Group, labelling: &Labelling<'_>, labels: &mut usize) -> Group {
    let before = *labels;
    let stream = label_stream(group.stream(), labelling, labels);
    if *labels == before {
        return group.clone();
    }
    let mut labelled = Group::new(group.delimiter(), stream);
    labelled.set_span(group.span());
    labelled
}

/// What the tokens read so far at one level say about the next token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Expressions: `.await`s are labelled, groups looked into.
    Body,
    /// Inside an item's header, up to its `{ … }` or `;`: `depth` counts
    /// `<`, `arrow` says the last token was the `-` of `->`.
    Item { depth: usize, arrow: bool },
    /// `const` just read: `const { … }` is an inline const block, `const X`
    /// an item; neither is async.
    Const,
}

fn label_stream(stream: TokenStream, labelling: &Labelling<'_>, labels: &mut usize) -> TokenStream {
    let original: Vec<TokenTree> = stream.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(original.len());
    // Where each original token starts in `out`.
    let mut starts: Vec<usize> = Vec::with_capacity(original.len());
    let mut context = Context::Body;
    let mut index = 0;
    while index < original.len() {
        starts.push(out.len());
        let token = &original[index];
        match (context, token) {
            (Context::Item { depth, arrow }, _) => {
                context = item_header(depth, arrow, token);
                out.push(token.clone());
            }
            (Context::Const, TokenTree::Group(_)) => {
                context = Context::Body; // `const { … }`, left as written
                out.push(token.clone());
            }
            (Context::Const, _) => {
                context = Context::Item {
                    depth: 0,
                    arrow: false,
                };
                out.push(token.clone());
            }
            (Context::Body, TokenTree::Punct(dot))
                if dot.as_char() == '.' && is_await(original.get(index + 1)) =>
            {
                if let Some(start) = operand_start(&original[..index])
                    .filter(|&start| lendable(&original[start..index]))
                {
                    let operand = out.split_off(starts[start]);
                    let excerpt = excerpt(&original[start..index]);
                    out.extend(wrapped(operand, dot.span(), &excerpt, labelling.krate));
                    *labels += 1;
                }
                out.push(token.clone());
            }
            (Context::Body, TokenTree::Ident(ident)) => {
                context = if is_lifetime(&original, index) {
                    Context::Body // `'static`, a label
                } else if ident == "const" {
                    Context::Const
                } else if starts_item(ident, original.get(index + 1)) {
                    Context::Item {
                        depth: 0,
                        arrow: false,
                    }
                } else {
                    Context::Body
                };
                out.push(token.clone());
            }
            (Context::Body, TokenTree::Group(group)) => {
                let before = &original[..index];
                let verbatim = is_attribute(before)
                    || macro_path(before).is_some_and(|path| {
                        !is_formatting(&path)
                            || (path.len() == 1 && labelling.shadowed.contains(&path[0]))
                    })
                    || only_awaits(before, group);
                if verbatim {
                    out.push(token.clone());
                } else {
                    out.push(label_group(group, labelling, labels).into());
                }
            }
            (Context::Body, _) => out.push(token.clone()),
        }
        index += 1;
    }
    out.into_iter().collect()
}

/// `(krate::__private::Wrap::new)(operand).__lazy_main_at("excerpt")`.
fn wrapped(
    operand: Vec<TokenTree>,
    dot_span: Span,
    excerpt: &str,
    krate: &TokenStream,
) -> TokenStream {
    let first = operand
        .first()
        .map_or_else(Span::call_site, TokenTree::span);
    let last = match operand.last() {
        Some(TokenTree::Group(group)) => group.span_close(),
        Some(other) => other.span(),
        None => Span::call_site(),
    };
    // A parenthesized operand, `(&mut fut)`, lends its own parentheses to the
    // call: doubled, they would draw `unused_parens`.
    let arguments = match operand.as_slice() {
        [TokenTree::Group(group)]
            if group.delimiter() == Delimiter::Parenthesis && !has_top_level_comma(group) =>
        {
            group.clone()
        }
        _ => {
            let mut arguments = Group::new(Delimiter::Parenthesis, operand.into_iter().collect());
            arguments.set_span(last);
            arguments
        }
    };
    // The callee in parentheses that carry the operand's first span: then
    // the call's span runs from the operand's first token to its last.
    let mut callee = Group::new(Delimiter::Parenthesis, quote!(#krate::__private::Wrap::new));
    callee.set_span(first);
    // `__private::here("…")`, a `#[track_caller]` call whose tokens are all
    // at the `.` of `.await`: the compiler tells it where it was called
    // from, and that is where the `.await` is. (The method's own arguments
    // keep the operand's last span: the method call then ends where the
    // operand does, as rustc's suggestions about it expect.)
    let excerpt = Literal::string(excerpt);
    let here = crate::expand::respan(quote!(#krate::__private::here(#excerpt)), &|_| dot_span);
    let mut site = Group::new(Delimiter::Parenthesis, here);
    site.set_span(last);
    // The method carries the span of the `.` before `await`: where the
    // operand's type is known only after the call, a value that is no future
    // is reported there, at the user's `.await`; on `await` itself, an
    // editor would offer the method as what `await` means.
    let method = Ident::new("__lazy_main_at", dot_span);
    quote!(#callee #arguments . #method #site)
}

/// Whether an operand can be wrapped as it is: anything but a
/// parenthesised one whose parentheses the wrapping call cannot lend. They
/// are lent to the call (`(&mut f).await` is `Wrap::new(&mut f)`), so what
/// they hold must need no parentheses of its own and be a value, not a
/// place: `()` is no operand, `((f))` and `({ f })` would draw
/// `unused_parens` and `unused_braces`, and `(*r)` or `(a[0])` moved
/// would shrink rustc's span for the move.
fn lendable(operand: &[TokenTree]) -> bool {
    let [TokenTree::Group(group)] = operand else {
        return true;
    };
    if group.delimiter() != Delimiter::Parenthesis {
        return true;
    }
    if has_top_level_comma(group) {
        return true; // a tuple: not lent, wrapped whole
    }
    let inner: Vec<TokenTree> = group.stream().into_iter().collect();
    match (inner.first(), inner.last()) {
        (None, _) | (_, None) => false,
        (Some(TokenTree::Group(_)), _) if inner.len() == 1 => false,
        (Some(first), _) if is_punct(first, '&') => true,
        (_, Some(TokenTree::Group(call))) => {
            call.delimiter() == Delimiter::Parenthesis && callee_before(&inner, inner.len() - 1)
        }
        (_, Some(last)) => is_punct(last, '?') || is_await(Some(last)),
    }
}

fn has_top_level_comma(group: &Group) -> bool {
    group
        .stream()
        .into_iter()
        .any(|token| is_punct(&token, ','))
}

/// The context after `token`, read inside an item's header: the item ends
/// with its `{ … }`, or its `;`, outside `<…>` (`Foo<{ N }>` is a type).
fn item_header(depth: usize, arrow: bool, token: &TokenTree) -> Context {
    let depth = match token {
        TokenTree::Punct(p) if p.as_char() == '<' => depth + 1,
        TokenTree::Punct(p) if p.as_char() == '>' && !arrow => depth.saturating_sub(1),
        TokenTree::Punct(p) if p.as_char() == ';' && depth == 0 => return Context::Body,
        TokenTree::Group(group) if group.delimiter() == Delimiter::Brace && depth == 0 => {
            return Context::Body;
        }
        _ => depth,
    };
    Context::Item {
        depth,
        arrow: is_joint_punct(token, '-'),
    }
}

/// Whether `ident` starts an item here: a keyword of [`ITEMS`], `fn` with a
/// name (`fn(u8)` is a type), `union` with a name (elsewhere it is a plain
/// name), or `macro_rules!`.
fn starts_item(ident: &Ident, next: Option<&TokenTree>) -> bool {
    let named = matches!(next, Some(TokenTree::Ident(_)));
    if ident == "fn" || ident == "union" {
        return named;
    }
    if ident == "macro_rules" {
        return matches!(next, Some(TokenTree::Punct(p)) if p.as_char() == '!');
    }
    ITEMS.iter().any(|item| ident == item)
}

fn is_await(token: Option<&TokenTree>) -> bool {
    matches!(token, Some(TokenTree::Ident(ident)) if ident == "await")
}

/// Whether the identifier at `index` is a lifetime or a label: `'a`.
fn is_lifetime(tokens: &[TokenTree], index: usize) -> bool {
    index > 0 && is_joint_punct(&tokens[index - 1], '\'')
}

/// Whether `group` is an async block that only awaits, `async { f.await }`:
/// clippy calls it redundant (`f` would do), and a label would hide that.
fn only_awaits(before: &[TokenTree], group: &Group) -> bool {
    let is_async = match before {
        [.., TokenTree::Ident(word)] if word == "async" => true,
        [.., TokenTree::Ident(word), TokenTree::Ident(moving)] => {
            word == "async" && moving == "move"
        }
        _ => false,
    };
    if !is_async || group.delimiter() != Delimiter::Brace {
        return false;
    }
    let inner: Vec<TokenTree> = group.stream().into_iter().collect();
    let ends_awaiting =
        matches!(inner.as_slice(), [.., dot, last] if is_punct(dot, '.') && is_await(Some(last)));
    ends_awaiting && !inner.iter().any(|token| is_punct(token, ';'))
}

/// Whether the group after `before` is an attribute's: `#[…]` or `#![…]`.
fn is_attribute(before: &[TokenTree]) -> bool {
    let before = match before {
        [rest @ .., TokenTree::Punct(bang)] if bang.as_char() == '!' => rest,
        _ => before,
    };
    matches!(before.last(), Some(TokenTree::Punct(pound)) if pound.as_char() == '#')
}

/// The path of the macro called by the group after `before` (`name!(…)`,
/// `std::name!(…)`), if it is a macro call.
fn macro_path(before: &[TokenTree]) -> Option<Vec<String>> {
    let [rest @ .., TokenTree::Ident(name), TokenTree::Punct(bang)] = before else {
        return None;
    };
    if bang.as_char() != '!' || is_lifetime(before, before.len() - 2) {
        return None;
    }
    let mut path = vec![name.to_string()];
    let mut rest = rest;
    while let [earlier @ .., TokenTree::Ident(segment), colon, second] = rest {
        if !(is_joint_punct(colon, ':') && is_punct(second, ':')) {
            break;
        }
        path.insert(0, segment.to_string());
        rest = earlier;
    }
    Some(path)
}

/// Whether a macro path names one of std's formatting macros: the bare name,
/// or the name in `std`, `core` or `alloc`.
fn is_formatting(path: &[String]) -> bool {
    match path {
        [name] => FORMATTING_MACROS.contains(&name.as_str()),
        [krate, name] => {
            matches!(krate.as_str(), "std" | "core" | "alloc")
                && FORMATTING_MACROS.contains(&name.as_str())
        }
        _ => false,
    }
}

/// Reading back, a keyword that ends the operand (see `NOT_OPERANDS`).
fn ends_operand(ident: &Ident) -> bool {
    NOT_OPERANDS.iter().any(|keyword| ident == keyword)
}

/// Where the operand of an `.await` that follows `tokens` starts: reading
/// back over a postfix chain. `None` if that is not certain.
fn operand_start(tokens: &[TokenTree]) -> Option<usize> {
    let start = chain_start(tokens)?;
    before_operand_is_a_boundary(tokens, start).then_some(start)
}

/// Reads back over the chain: its first token.
fn chain_start(tokens: &[TokenTree]) -> Option<usize> {
    let mut end = tokens.len(); // the chain is `tokens[start..end]` so far
    loop {
        let last = end.checked_sub(1)?;
        match &tokens[last] {
            TokenTree::Punct(p) if p.as_char() == '?' && end > 1 => end = last,
            TokenTree::Group(group) => match group.delimiter() {
                // A call or an index, if something callable comes before;
                // otherwise `(…)` or `[…]` itself.
                Delimiter::Parenthesis | Delimiter::Bracket => {
                    if !callee_before(tokens, last) {
                        return Some(last);
                    }
                    end = last;
                }
                // A `macro_rules!` fragment: what it holds is not seen
                // here (a parenthesised one would draw `unused_parens`).
                Delimiter::None => return None,
                Delimiter::Brace => return block_start(tokens, last),
            },
            TokenTree::Ident(ident) if ends_operand(ident) || is_lifetime(tokens, last) => {
                return None;
            }
            TokenTree::Ident(_) | TokenTree::Literal(_) => {
                match path_or_member_before(tokens, last) {
                    Step::Stop => return Some(last),
                    Step::StopAt(start) => return Some(start),
                    Step::Continue(next_end) => end = next_end,
                }
            }
            // `name!(…)`: a macro may expand to anything, `!`-typed or
            // written elsewhere; left as written.
            TokenTree::Punct(p) if p.as_char() == '!' => return None,
            // `f::<T>`, then a call or `::`.
            TokenTree::Punct(p) if p.as_char() == '>' && end < tokens.len() => {
                let open = turbofish_open(tokens, last)?;
                end = open - 2;
            }
            TokenTree::Punct(_) => return None,
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
            Some(TokenTree::Ident(ident))
                if !ends_operand(ident) && !is_lifetime(tokens, colons - 1) =>
            {
                Step::Continue(colons)
            }
            // `f::<T>::g`
            Some(TokenTree::Punct(p)) if p.as_char() == '>' => Step::Continue(colons),
            // A `macro_rules!` fragment: `$path::f`.
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::None => {
                Step::Continue(colons)
            }
            _ => Step::StopAt(colons),
        };
    }
    Step::Stop
}

/// Whether the call or index group at `index` has a callee before it.
fn callee_before(tokens: &[TokenTree], index: usize) -> bool {
    let Some(before) = index.checked_sub(1) else {
        return false;
    };
    match &tokens[before] {
        TokenTree::Ident(ident) => !ends_operand(ident) && !is_lifetime(tokens, before),
        // `f()(x)`, `a[0](x)`; not an attribute's `#[…] (x)`.
        TokenTree::Group(group) => match group.delimiter() {
            Delimiter::Bracket => !is_attribute(&tokens[..before]),
            Delimiter::Brace => false,
            _ => true,
        },
        TokenTree::Literal(_) => false,
        TokenTree::Punct(p) => match p.as_char() {
            '?' => true,
            // A macro's `!`, after its name; else a `!` operator.
            '!' => {
                before >= 1
                    && matches!(&tokens[before - 1], TokenTree::Ident(name)
                        if !ends_operand(name) && !is_lifetime(tokens, before - 1))
            }
            // `f::<T>(x)`; a `>` that closes no turbofish is an operator.
            '>' => turbofish_open(tokens, before).is_some(),
            _ => false,
        },
    }
}

/// The `<` of the turbofish `::<…>` that the `>` at `close` ends, if it is one.
fn turbofish_open(tokens: &[TokenTree], close: usize) -> Option<usize> {
    // `=>` and `->` close nothing.
    if close >= 1
        && (is_joint_punct(&tokens[close - 1], '=') || is_joint_punct(&tokens[close - 1], '-'))
    {
        return None;
    }
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
                    return is_colon2(tokens, index).then_some(index);
                }
            }
            TokenTree::Punct(p) if matches!(p.as_char(), ';' | '=') => return None,
            _ => {}
        }
    }
    None
}

/// The start of a `{ … }` operand at `index`: `async {…}`, `async move {…}`,
/// `unsafe {…}`, `const {…}`, `loop {…}`, or a macro call `name! {…}`; else
/// uncertain.
fn block_start(tokens: &[TokenTree], index: usize) -> Option<usize> {
    let word = |i: usize| match tokens.get(i) {
        Some(TokenTree::Ident(ident)) if !is_lifetime(tokens, i) => Some(ident.to_string()),
        _ => None,
    };
    let before = index.checked_sub(1)?;
    match word(before).as_deref() {
        Some("async" | "unsafe" | "const" | "loop") => Some(before),
        Some("move") if before >= 1 && word(before - 1).as_deref() == Some("async") => {
            Some(before - 1)
        }
        _ => None,
    }
    // `'label: loop { … }`: the label belongs to the operand; left as written.
    .filter(|&start| {
        !(start >= 1
            && is_punct(&tokens[start - 1], ':')
            && start >= 3
            && is_lifetime(tokens, start - 2))
    })
}

/// Whether the token before the operand at `start` cannot be part of it:
/// the start of the group, an operator, a keyword, a label, an attribute,
/// a block that ended a statement.
fn before_operand_is_a_boundary(tokens: &[TokenTree], start: usize) -> bool {
    let Some(before) = start.checked_sub(1) else {
        return true;
    };
    match &tokens[before] {
        TokenTree::Ident(ident) => ends_operand(ident) || is_lifetime(tokens, before),
        TokenTree::Literal(_) => false,
        TokenTree::Group(group) => match group.delimiter() {
            Delimiter::Brace => true,
            Delimiter::Bracket => is_attribute(&tokens[..before]),
            _ => false,
        },
        TokenTree::Punct(p) => match p.as_char() {
            // `..x`: a range.
            '.' => before >= 1 && is_joint_punct(&tokens[before - 1], '.'),
            '\'' | '#' | '$' => false,
            ':' => !is_colon2(tokens, start), // `x: y` in a struct literal or a type
            _ => true,
        },
    }
}

/// Whether `::` ends just before `index`.
fn is_colon2(tokens: &[TokenTree], index: usize) -> bool {
    index >= 2 && is_joint_punct(&tokens[index - 2], ':') && is_punct(&tokens[index - 1], ':')
}

fn is_punct(token: &TokenTree, ch: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == ch)
}

fn is_joint_punct(token: &TokenTree, ch: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == ch && p.spacing() == Spacing::Joint)
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
    use super::{excerpt, lendable, operand_start};
    use proc_macro2::{TokenStream, TokenTree};

    /// The operand of the last `.await` in `source`, as its excerpt.
    fn operand(source: &str) -> Option<String> {
        let tokens: Vec<TokenTree> = source.parse::<TokenStream>().unwrap().into_iter().collect();
        let dot = tokens.len() - 2;
        operand_start(&tokens[..dot]).map(|start| excerpt(&tokens[start..dot]))
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
            ("let v = async { x }.await", "async {…}.await"),
            ("async move { x }.await", "async move {…}.await"),
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
            // A guard's `=>` and a comparison's `>` close no turbofish.
            ("x if x < 10 => (ready(x)).await", "(…).await"),
            ("1 < 2 && 3 > (ready(2)).await", "(…).await"),
            // A label is not a callee, nor a path segment.
            ("break 'a (ready(5)).await", "(…).await"),
            (
                "break 'a ::std::future::ready(1).await",
                "::std::future::ready(…).await",
            ),
            // An attribute is not indexed.
            ("#[allow(unused_parens)] (ready(1)).await", "(…).await"),
            ("if let Some(x) = f().await", "f().await"),
            ("loop { break f() }.await", "loop {…}.await"),
        ] {
            assert_eq!(operand(source).as_deref(), Some(expected), "{source}");
        }
        for uncertain in [
            "match x { _ => y }.await",
            "if c { a } else { b }.await",
            "S { a }.await",
            "<T as Tr>::f().await",
            "'a: { x }.await",
            "'l: loop { break x }.await",
            "m!(x).await",
            "std::m![x].await",
        ] {
            assert_eq!(operand(uncertain), None, "{uncertain}");
        }
    }

    /// A parenthesised operand is lent to the wrapping call only when that
    /// changes nothing rustc says.
    #[test]
    fn parentheses_are_lent_only_around_a_value() {
        let lent = |source: &str| {
            let tokens: Vec<TokenTree> =
                source.parse::<TokenStream>().unwrap().into_iter().collect();
            lendable(&tokens)
        };
        for value in [
            "(&mut fut)",
            "(f())",
            "(a.b(c))",
            "(x?)",
            "(x.await)",
            "f()",
            "(a, b)",
        ] {
            assert!(lent(value), "{value}");
        }
        for not in [
            "()",
            "((f()))",
            "({ f() })",
            "(*r)",
            "(a[0])",
            "(x)",
            "(a.b)",
        ] {
            assert!(!lent(not), "{not}");
        }
    }
}
