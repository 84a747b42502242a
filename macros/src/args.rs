//! The attribute's arguments: `crate = …`, `block_on = …`, `trace`.
//!
//! Arguments are split at top-level commas and each one is parsed on its own,
//! so one bad argument is reported at its own tokens and the others still
//! take effect.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Error, Ident, LitStr, Token};

use crate::errors::Errors;

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
    /// The function that drives the body: `block_on = path`.
    pub(crate) block_on: Option<TokenStream>,
    /// `trace` or `trace = "verbose"`.
    pub(crate) trace: Option<Trace>,
}

const KNOWN: &str = "`crate`, `block_on`, `trace`";

impl Args {
    /// Parses every argument; what cannot be read is reported to `errors`
    /// and the rest still takes effect.
    pub(crate) fn parse(tokens: TokenStream, errors: &mut Errors) -> Self {
        let mut args = Self::default();
        for argument in split_at_commas(tokens) {
            if let Err(error) = (|input: ParseStream| args.parse_one(input)).parse2(argument) {
                errors.push(error);
            }
        }
        args
    }

    fn parse_one(&mut self, input: ParseStream) -> syn::Result<()> {
        if input.is_empty() {
            return Err(input.error(format!("expected an argument: one of {KNOWN}")));
        }
        let name = Ident::parse_any(input)
            .map_err(|_| error_at_next(input, &format!("expected one of {KNOWN}")))?;
        // A repetition is reported as such, whatever its value.
        match name.to_string().as_str() {
            "crate" => {
                not_yet_given(self.krate.as_ref(), &name)?;
                self.krate = Some(value_path(input, &name, "crate = \"path\"")?);
            }
            "block_on" => {
                not_yet_given(self.block_on.as_ref(), &name)?;
                self.block_on = Some(value_path(input, &name, "block_on = path::to::function")?);
            }
            "trace" => {
                not_yet_given(self.trace.as_ref(), &name)?;
                self.trace = Some(trace_level(input)?);
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

/// `name = path` or `name = "path"`, and nothing after it.
fn value_path(input: ParseStream, name: &Ident, usage: &str) -> syn::Result<TokenStream> {
    if input.is_empty() {
        return Err(Error::new(
            name.span(),
            format!("`{name}` needs a value: `{usage}`"),
        ));
    }
    input
        .parse::<Token![=]>()
        .map_err(|_| error_at_next(input, &format!("expected `=`: `{usage}`")))?;
    let value = if input.peek(LitStr) {
        let literal: LitStr = input.parse()?;
        literal.parse_with(parse_path).map_err(|_| {
            Error::new(
                literal.span(),
                format!("expected a path, found {}", literal.to_token_stream()),
            )
        })?
    } else {
        parse_path(input)
            .map_err(|_| error_at_next(input, &format!("expected a path: `{usage}`")))?
    };
    expect_end(input)?;
    Ok(value)
}

/// A path such as `::lazy_main`, `crate::exec::block_on` or `my_block_on`.
fn parse_path(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    if input.peek(Token![::]) {
        input.parse::<Token![::]>()?.to_tokens(&mut tokens);
    }
    loop {
        Ident::parse_any(input)?.to_tokens(&mut tokens);
        if !input.peek(Token![::]) {
            break;
        }
        input.parse::<Token![::]>()?.to_tokens(&mut tokens);
    }
    if !input.is_empty() {
        return Err(input.error("expected a path"));
    }
    Ok(tokens)
}

/// `trace` alone, or `trace = "verbose"` / `trace = "summary"`.
fn trace_level(input: ParseStream) -> syn::Result<Trace> {
    const USAGE: &str = "expected `trace` or `trace = \"verbose\"`";
    if input.is_empty() {
        return Ok(Trace::Summary);
    }
    if !input.peek(Token![=]) {
        return Err(error_at_next(input, USAGE));
    }
    input.parse::<Token![=]>()?;
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

fn expect_end(input: ParseStream) -> syn::Result<()> {
    if input.is_empty() {
        Ok(())
    } else {
        Err(error_at_next(
            input,
            "unexpected tokens; arguments are separated by `,`",
        ))
    }
}

/// An error spanning the next token tree, or the end of the argument.
fn error_at_next(input: ParseStream, message: &str) -> Error {
    match input.fork().parse::<TokenTree>() {
        Ok(token) => Error::new_spanned(token, message),
        Err(_) => input.error(message),
    }
}

/// Splits at top-level commas; a trailing comma ends the list.
fn split_at_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut arguments = vec![TokenStream::new()];
    let mut trailing_comma = false;
    for token in tokens {
        trailing_comma = matches!(&token, TokenTree::Punct(p) if p.as_char() == ',');
        if trailing_comma {
            arguments.push(TokenStream::new());
        } else if let Some(current) = arguments.last_mut() {
            current.extend([token]);
        }
    }
    // `#[main]` has no arguments; `#[main(a,)]` has one.
    if (arguments.len() == 1 || trailing_comma)
        && arguments.last().is_some_and(TokenStream::is_empty)
    {
        arguments.pop();
    }
    arguments
}

#[cfg(test)]
mod tests {
    use super::Args;
    use crate::errors::Errors;

    fn errors_of(arguments: &str) -> Vec<String> {
        let mut errors = Errors::default();
        Args::parse(arguments.parse().unwrap(), &mut errors);
        errors.messages()
    }

    #[test]
    fn a_repetition_is_reported_whatever_its_value() {
        assert_eq!(
            errors_of("crate = \"a\", crate = 5"),
            ["duplicate argument `crate`; remove this one"]
        );
        assert_eq!(
            errors_of("trace, trace = \"loud\""),
            ["duplicate argument `trace`; remove this one"]
        );
    }

    #[test]
    fn every_bad_argument_is_reported_and_the_good_ones_kept() {
        let mut errors = Errors::default();
        let args = Args::parse("threads = 4, trace, crate".parse().unwrap(), &mut errors);
        assert!(args.trace.is_some());
        assert_eq!(errors.messages().len(), 2);
    }
}
