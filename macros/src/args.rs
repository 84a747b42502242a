//! The attribute's arguments: `crate = …`, `block_on = …`, `trace`.
//!
//! Arguments are read one after the other, each up to its `,`. One bad
//! argument is reported at its own tokens, reading goes on after its `,`,
//! and the other arguments still take effect.

use proc_macro2::{Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Error, Ident, LitStr, Token};

use crate::errors::{self, Errors};
use crate::item::angle_brackets;

/// How much `trace` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trace {
    /// Counts and times when the future completes.
    Summary,
    /// The summary plus one line per poll.
    Verbose,
}

/// The parsed arguments. A path is kept as the user's tokens, with their spans.
#[derive(Default)]
pub(crate) struct Args {
    /// Where the facade crate is: `crate = "path"` or `crate = path`.
    pub(crate) krate: Option<TokenStream>,
    /// What drives the body: `block_on = path` or `block_on = |future| …`.
    pub(crate) block_on: Option<TokenStream>,
    /// `trace` or `trace = "verbose"`.
    pub(crate) trace: Option<Trace>,
    /// `timeout = "5s"`: the deadline, in milliseconds.
    pub(crate) timeout: Option<Timeout>,
}

/// A deadline for the body, and where it was written.
pub(crate) struct Timeout {
    pub(crate) millis: u64,
    /// The `timeout` keyword, for an error about the argument as a whole.
    pub(crate) name: Ident,
}

const KNOWN: &str = "`crate`, `block_on`, `trace`, `timeout`";

impl Args {
    /// Parses every argument; what cannot be read is reported to `errors`
    /// and the rest still takes effect.
    pub(crate) fn parse(tokens: TokenStream, errors: &mut Errors) -> Self {
        let mut args = Self::default();
        let all = |input: ParseStream| {
            while !input.is_empty() {
                if input.peek(Token![,]) {
                    let comma: Token![,] = input.parse()?;
                    errors.push(errors::Error::new(
                        comma.span,
                        format!(
                            "expected an argument before this `,`, one of {KNOWN}; remove the `,`"
                        ),
                    ));
                    continue;
                }
                if let Err(error) = args.parse_one(input) {
                    errors.push(error);
                    // Go on with the next argument.
                    while !input.is_empty() && !input.peek(Token![,]) {
                        input.parse::<TokenTree>()?;
                    }
                }
                input.parse::<Option<Token![,]>>()?;
            }
            Ok(())
        };
        // `all` reads every token, so it cannot fail.
        let _ = all.parse2(tokens);
        if let (Some(timeout), Some(_)) = (&args.timeout, &args.block_on) {
            errors.push(Error::new(
                timeout.name.span(),
                "`timeout` needs the bundled executor, which parks with a deadline; \
                 `block_on = …` drives the body with another: remove one",
            ));
            args.timeout = None;
        }
        args
    }

    /// One argument, up to (not including) its `,`.
    fn parse_one(&mut self, input: ParseStream) -> syn::Result<()> {
        let name = Ident::parse_any(input)
            .map_err(|_| error_at_next(input, &format!("expected one of {KNOWN}")))?;
        // A repetition is reported as such, whatever its value.
        match name.to_string().as_str() {
            "crate" => {
                not_yet_given(self.krate.as_ref(), &name)?;
                let usage = "crate = \"path\"";
                self.krate = Some(value(input, &name, usage, "a path", module_path)?);
            }
            "block_on" => {
                not_yet_given(self.block_on.as_ref(), &name)?;
                let usage = "block_on = path::to::function";
                let what = "a path or a closure";
                self.block_on = Some(value(input, &name, usage, what, path_or_closure)?);
            }
            "trace" => {
                not_yet_given(self.trace.as_ref(), &name)?;
                self.trace = Some(trace_level(input)?);
            }
            "timeout" => {
                not_yet_given(self.timeout.as_ref(), &name)?;
                let millis = timeout(input, &name)?;
                self.timeout = Some(Timeout { millis, name });
            }
            other => {
                return Err(Error::new(
                    name.span(),
                    format!("unknown argument `{other}`; expected one of {KNOWN}"),
                ))
            }
        }
        Ok(())
    }
}

fn not_yet_given<T>(slot: Option<&T>, name: &Ident) -> syn::Result<()> {
    match slot {
        Some(_) => Err(Error::new(
            name.span(),
            format!("duplicate argument `{name}`; remove this one"),
        )),
        None => Ok(()),
    }
}

/// `name = value` or `name = "value"`, read by `read`, and nothing after it;
/// `what` says what `read` accepts.
fn value(
    input: ParseStream,
    name: &Ident,
    usage: &str,
    what: &str,
    read: fn(ParseStream) -> syn::Result<TokenStream>,
) -> syn::Result<TokenStream> {
    if at_end(input) {
        return Err(Error::new(
            name.span(),
            format!("`{name}` needs a value: `{usage}`"),
        ));
    }
    let equals = input
        .parse::<Token![=]>()
        .map_err(|_| error_at_next(input, &format!("expected `=`: `{usage}`")))?;
    if at_end(input) {
        return Err(nothing_after(
            equals.span,
            &format!("`{name}` needs a value after `=`: `{usage}`"),
        ));
    }
    let value = if input.peek(LitStr) {
        let literal: LitStr = input.parse()?;
        literal.parse_with(read).map_err(|_| {
            Error::new(
                literal.span(),
                format!("expected a path, found {}", literal.token()),
            )
        })?
    } else {
        read(input).map_err(|_| error_at_next(input, &format!("expected {what}: `{usage}`")))?
    };
    expect_end(input)?;
    Ok(value)
}

/// A module path: `::lazy_main`, `crate::reexport::facade`.
fn module_path(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    if input.peek(Token![::]) {
        colons(input, &mut tokens)?;
    }
    loop {
        Ident::parse_any(input)?.to_tokens(&mut tokens);
        if !input.peek(Token![::]) {
            break;
        }
        colons(input, &mut tokens)?;
    }
    if !input.is_empty() && !input.peek(Token![,]) {
        return Err(input.error("expected a path"));
    }
    Ok(tokens)
}

/// What can drive the body: a path to a function (`my_block_on`,
/// `exec::<_>`, `<E as Exec>::run`), or a closure (`|future| exec.run(future)`).
fn path_or_closure(input: ParseStream) -> syn::Result<TokenStream> {
    if input.peek(Token![|]) || input.peek(Token![||]) || input.peek(Token![move]) {
        return closure(input);
    }
    let mut tokens = TokenStream::new();
    if input.peek(Token![<]) {
        tokens.extend(angle_brackets(input)?); // `<E as Exec>`
        colons(input, &mut tokens)?;
    } else if input.peek(Token![::]) {
        colons(input, &mut tokens)?;
    }
    loop {
        Ident::parse_any(input)?.to_tokens(&mut tokens);
        let turbofish = input.fork();
        if turbofish.parse::<Token![::]>().is_ok() && turbofish.peek(Token![<]) {
            colons(input, &mut tokens)?;
            tokens.extend(angle_brackets(input)?);
        }
        if !input.peek(Token![::]) {
            break;
        }
        colons(input, &mut tokens)?;
    }
    if !at_end(input) {
        return Err(input.error("expected a path"));
    }
    Ok(tokens)
}

/// `|future| …`, `move |future| …`: every token up to the argument's `,`.
fn closure(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    while !at_end(input) {
        tokens.extend([input.parse::<TokenTree>()?]);
    }
    Ok(tokens)
}

/// `trace` alone, or `trace = "verbose"` / `trace = "summary"`.
fn trace_level(input: ParseStream) -> syn::Result<Trace> {
    const USAGE: &str = "expected `trace` or `trace = \"verbose\"`";
    if at_end(input) {
        return Ok(Trace::Summary);
    }
    if !input.peek(Token![=]) {
        return Err(error_at_next(input, USAGE));
    }
    let equals = input.parse::<Token![=]>()?;
    if at_end(input) {
        return Err(nothing_after(
            equals.span,
            "`trace` needs a level after `=`: `trace = \"verbose\"` or `trace = \"summary\"`",
        ));
    }
    let level = if input.peek(LitStr) {
        let literal: LitStr = input.parse()?;
        match literal.value().as_str() {
            "summary" => Trace::Summary,
            "verbose" => Trace::Verbose,
            _ => {
                return Err(Error::new(
                    literal.span(),
                    "unknown trace level; expected \"summary\" or \"verbose\"",
                ))
            }
        }
    } else {
        return Err(error_at_next(input, USAGE));
    };
    expect_end(input)?;
    Ok(level)
}

/// `timeout = "300ms"`: a whole number and a unit, `ms`, `s` or `m`.
fn timeout(input: ParseStream, name: &Ident) -> syn::Result<u64> {
    const USAGE: &str = "a duration: a whole number and `ms`, `s` or `m`, as in `timeout = \"5s\"`";
    if at_end(input) {
        return Err(Error::new(
            name.span(),
            format!("`timeout` needs a value, {USAGE}"),
        ));
    }
    let equals = input
        .parse::<Token![=]>()
        .map_err(|_| error_at_next(input, &format!("expected `=`: {USAGE}")))?;
    if at_end(input) {
        return Err(nothing_after(
            equals.span,
            &format!("`timeout` needs a value after `=`, {USAGE}"),
        ));
    }
    if !input.peek(LitStr) {
        return Err(error_at_next(input, &format!("expected {USAGE}")));
    }
    let literal: LitStr = input.parse()?;
    let millis = milliseconds(&literal.value()).ok_or_else(|| {
        Error::new(
            literal.span(),
            format!(
                "{} is not a duration: write a whole number and `ms`, `s` or `m`, as in `timeout = \"5s\"`",
                literal.token()
            ),
        )
    })?;
    expect_end(input)?;
    Ok(millis)
}

/// `300ms`, `5s`, `2m` in milliseconds (as the runtime reads the same
/// syntax from `LAZY_MAIN_TEST_TIMEOUT`); `None` for anything else.
pub(crate) fn milliseconds(text: &str) -> Option<u64> {
    // Byte by byte: `find` and `str::parse` would be compiled into the
    // macro, a cost every user's build pays.
    let bytes = text.as_bytes();
    let mut number: u64 = 0;
    let mut digits = 0;
    while let Some(&byte) = bytes.get(digits) {
        if !byte.is_ascii_digit() {
            break;
        }
        number = number
            .checked_mul(10)?
            .checked_add(u64::from(byte - b'0'))?;
        digits += 1;
    }
    if digits == 0 {
        return None;
    }
    let per_unit = match &bytes[digits..] {
        b"ms" => 1,
        b"s" => 1_000,
        b"m" => 60_000,
        _ => return None,
    };
    number.checked_mul(per_unit)
}

/// At the end of this argument: its `,`, or the end of the list.
fn at_end(input: ParseStream) -> bool {
    input.is_empty() || input.peek(Token![,])
}

fn expect_end(input: ParseStream) -> syn::Result<()> {
    if at_end(input) {
        Ok(())
    } else {
        Err(error_at_next(
            input,
            "unexpected tokens; arguments are separated by `,`",
        ))
    }
}

/// An `=` with no value after it: the error at the `=`, the last token the
/// user wrote (the end of the list has no span of its own).
fn nothing_after(equals: Span, message: &str) -> Error {
    Error::new(equals, message)
}

/// An error spanning the next token tree, or the end of the argument.
fn error_at_next(input: ParseStream, message: &str) -> Error {
    match input.fork().parse::<TokenTree>() {
        Ok(token) if !at_end(input) => Error::new(token.span(), message),
        _ => input.error(message),
    }
}

/// `::`, as its two tokens with their spans.
fn colons(input: ParseStream, tokens: &mut TokenStream) -> syn::Result<()> {
    let colons: Token![::] = input.parse()?;
    let [first, second] = colons.spans;
    let mut joint = Punct::new(':', Spacing::Joint);
    joint.set_span(first);
    let mut alone = Punct::new(':', Spacing::Alone);
    alone.set_span(second);
    tokens.extend([TokenTree::Punct(joint), TokenTree::Punct(alone)]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Args;
    use crate::errors::Errors;

    fn parse(arguments: &str) -> (Args, Vec<String>) {
        let mut errors = Errors::default();
        let args = Args::parse(arguments.parse().unwrap(), &mut errors);
        (args, errors.messages())
    }

    #[test]
    fn a_repetition_is_reported_whatever_its_value() {
        assert_eq!(
            parse("crate = \"a\", crate = 5").1,
            ["duplicate argument `crate`; remove this one"]
        );
        assert_eq!(
            parse("trace, trace = \"loud\"").1,
            ["duplicate argument `trace`; remove this one"]
        );
    }

    #[test]
    fn every_bad_argument_is_reported_and_the_good_ones_kept() {
        let (args, errors) = parse("threads = 4, trace, crate");
        assert!(args.trace.is_some());
        assert_eq!(errors.len(), 2, "{errors:?}");
    }

    #[test]
    fn a_stray_comma_is_one_error() {
        let (args, errors) = parse("trace,, crate = \"x\",");
        assert!(args.trace.is_some() && args.krate.is_some());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("remove the `,`"));
    }

    #[test]
    fn an_equals_sign_without_a_value_is_one_error_at_it() {
        for arguments in [
            "timeout =",
            "crate =",
            "trace =",
            "block_on =",
            "timeout =, trace",
        ] {
            let name = arguments.split(' ').next().unwrap();
            let errors = parse(arguments).1;
            assert_eq!(errors.len(), 1, "{arguments}: {errors:?}");
            assert!(
                errors[0].starts_with(&format!("`{name}` needs a"))
                    && errors[0].contains("after `=`"),
                "{arguments}: {errors:?}"
            );
        }
    }

    #[test]
    fn a_timeout_is_a_whole_number_and_a_unit() {
        for (value, millis) in [("\"300ms\"", 300), ("\"5s\"", 5_000), ("\"2m\"", 120_000)] {
            let (args, errors) = parse(&format!("timeout = {value}"));
            assert!(errors.is_empty(), "{value}: {errors:?}");
            assert_eq!(
                args.timeout.map(|timeout| timeout.millis),
                Some(millis),
                "{value}"
            );
        }
        for value in [
            "\"5\"",
            "\"5 s\"",
            "\"1.5s\"",
            "\"5h\"",
            "5",
            "\"\"",
            "\"99999999999999999999m\"",
        ] {
            let (args, errors) = parse(&format!("timeout = {value}"));
            assert_eq!(errors.len(), 1, "{value}: {errors:?}");
            assert!(args.timeout.is_none(), "{value}");
        }
        let (args, errors) = parse("timeout = \"1s\", block_on = run");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(args.timeout.is_none() && args.block_on.is_some());
    }

    #[test]
    fn paths_and_closures_drive_the_body() {
        for value in [
            "my_block_on",
            "::exec::block_on",
            "exec::<_>",
            "Exec::<u8, u16>::run",
            "<E as Exec>::run",
            "<E as Exec<A, B>>::run::<C>",
            "|future| exec.run(future)",
            "move |future| exec(future, 1)",
            "\"exec::<u8>\"",
        ] {
            let (args, errors) = parse(&format!("block_on = {value}, trace"));
            assert!(errors.is_empty(), "{value}: {errors:?}");
            assert!(args.block_on.is_some() && args.trace.is_some(), "{value}");
        }
        for value in ["5", "exec(1)", "exec::", "<E as Exec>"] {
            assert_eq!(parse(&format!("block_on = {value}")).1.len(), 1, "{value}");
        }
    }
}
