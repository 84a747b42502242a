//! What the attribute accepts. One step looks at the function as read
//! (`item.rs`), reports each part it cannot take, at the user's tokens and
//! naming the fix, and says how the function can be expanded.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::ToTokens;

use crate::errors::{Error, Errors};
use crate::item::{is_receiver, mentions, Attribute, Body, Function, NotAFunction};
use crate::{Kind, Target};

/// How a function the attribute has read can be expanded.
pub(crate) struct Accepted {
    /// The user's attributes to keep on the sync function.
    pub(crate) attrs: Vec<TokenStream>,
    /// `#[track_caller]`, which means nothing on the sync function; it goes
    /// where rustc says so about an `async fn`.
    pub(crate) track_caller: Option<TokenStream>,
    /// Lifetime parameters (`<'a>`), kept on the function; empty otherwise.
    pub(crate) lifetimes: TokenStream,
    /// The parameters kept on the sync function: a method's lone `self`
    /// (`&self`, `self: Box<Self>`, …), or all of them when a test generator
    /// supplies them; empty otherwise.
    pub(crate) params: TokenStream,
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
    /// `where …`, kept on the sync function: without generic parameters of
    /// its own, a function's `where` clause bounds the surrounding impl's or
    /// trait's (`where T: Default`, `where Self: Sized`).
    pub(crate) where_clause: TokenStream,
    /// The function may be the program's `main`; see [`may_be_programs_main`].
    pub(crate) programs_main: bool,
    /// An attribute generates tests from this function's parameters
    /// (`#[test_case(…)]`, `#[rstest]`), which are then its to supply: the
    /// index, in the function's attributes, of the one after which ours
    /// goes (the generator, or rstest's last `#[case]`).
    pub(crate) generator: Option<usize>,
    /// Another runtime's attribute above ours (`#[tokio::test]`, …) has
    /// already made the function a sync one that drives the body: it is
    /// left as it is, next to one error.
    pub(crate) driven_by_runtime: Option<String>,
    /// A wrapper test attribute of another crate (`#[test_log::test]`,
    /// `#[googletest::test]`) is kept on the sync function; it may put the
    /// body in braces of its own.
    pub(crate) wrapped: bool,
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
pub(crate) fn validate(
    function: &Function,
    kind: Kind,
    target: Target,
    errors: &mut Errors,
) -> Accepted {
    let mut accepted = Accepted {
        attrs: Vec::new(),
        track_caller: None,
        lifetimes: TokenStream::new(),
        params: TokenStream::new(),
        body: TokenStream::new(),
        block: None,
        body_span: Span::call_site(),
        unsupported: Unsupported::default(),
        has_test_attribute: false,
        where_clause: TokenStream::new(),
        programs_main: may_be_programs_main(function, target),
        generator: None,
        driven_by_runtime: None,
        wrapped: false,
    };
    if function.asyncness.is_none() {
        if let Some(krate) = function.driven_by_runtime() {
            // Nothing else is reported: the signature and attributes are
            // that runtime's output, not what the user wrote.
            // tokio's and pollster's `test` add a test attribute below ours;
            // the others' `main` leave another shape, so this is a `test`.
            let test = !matches!(krate.as_str(), "tokio" | "pollster")
                || function
                    .attrs
                    .iter()
                    .any(|attr| attr.path().is_builtin_test());
            let other = format!("`#[{krate}::{}]`", if test { "test" } else { "main" });
            errors.push(Error::new(
                Span::call_site(),
                cannot_be_combined(&other, kind),
            ));
            accepted.driven_by_runtime = Some(other);
            return accepted;
        }
    }
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
        [only] if is_receiver(only) => accepted.params = only.clone(),
        // A test generator calls the function with them: they stay, and
        // the generated tests are driven (see `expand.rs`).
        _ if accepted.generator.is_some() => accepted.params = function.param_list.clone(),
        params => {
            let unsupported = &mut accepted.unsupported;
            unsupported.has_receiver = is_receiver(&params[0]);
            unsupported.params = function.param_list.clone();
            errors.push(Error::spanned(
                &unsupported.params,
                match kind {
                    Kind::Main => kind.says("functions cannot take parameters; remove them"),
                    Kind::Test => "test functions cannot take parameters; remove them, \
                                   or supply them with an attribute such as `#[test_case(…)]`"
                        .to_owned(),
                },
            ));
        }
    }
    if !function.where_clause.is_empty() {
        if !accepted.unsupported.generics.is_empty() {
            // Part of the generic function, already reported.
            accepted.unsupported.where_clause = function.where_clause.clone();
        } else if accepted.programs_main {
            // rustc's E0646: the program's `main` has no `where` clause.
            accepted.unsupported.where_clause = function.where_clause.clone();
            errors.push(Error::spanned(
                &function.where_clause,
                "the program's `main` cannot have a `where` clause; remove it",
            ));
        } else {
            accepted.where_clause = function.where_clause.clone();
        }
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
    let has_rstest = function
        .attrs
        .iter()
        .any(|attr| attr.path().last() == "rstest");
    let mut last_rstest_case = None;
    for (index, attr) in function.attrs.iter().enumerate() {
        match attribute_role(attr, kind, has_rstest) {
            Role::Kept => {
                accepted.wrapped |= attr.path().last() == "test";
                accepted.attrs.push(attr.to_token_stream());
            }
            Role::TrackCaller => accepted.track_caller = Some(attr.to_token_stream()),
            Role::SecondTest { generated_form } => {
                accepted.has_test_attribute = true;
                accepted.attrs.push(attr.to_token_stream());
                errors.push(Error::spanned(
                    attr,
                    if generated_form {
                        // The form attribute macros emit: test-log's
                        // `#[test_log::test]` above ours adds it, say.
                        "a second test attribute is supplied; remove it, or, if an attribute \
                         above `#[lazy_main::test]` added it, put `#[lazy_main::test]` first"
                    } else {
                        "a second test attribute is supplied; remove it: \
                         `#[lazy_main::test]` already makes this a test"
                    },
                ));
            }
            Role::Generator => {
                accepted.generator.get_or_insert(index);
                accepted.attrs.push(attr.to_token_stream());
            }
            Role::RstestCase => {
                last_rstest_case = Some(index);
                accepted.attrs.push(attr.to_token_stream());
            }
            // Left out of the expansion: it would expand again on the sync
            // function and report a missing `async` that is there.
            Role::Stacked(message) => errors.push(Error::spanned(attr, message)),
        }
    }
    // rstest gives each `#[case]` the attributes between it and the one
    // before; those after the last are the function's, for every case.
    if has_rstest {
        accepted.generator = accepted.generator.max(last_rstest_case);
    }
}

/// Whether `function` may be the program's `main`, whose body is checked
/// in an inner `async fn` with the user's signature (exactly as a plain
/// `async fn`); any other function's body becomes an `async move` block,
/// which compiles wherever the function is. An inner item cannot see an
/// impl's generic parameters or `Self`, and the macro never sees the impl,
/// so the program's shape is kept for a function that can be nothing else:
///
/// - named `main`,
/// - in a binary (cargo sets `CARGO_BIN_NAME`; a library, a test, a
///   doctest has no program's `main`),
/// - returning what a program's `main` can return ([`termination_like`]),
/// - and naming neither `self` nor `Self`.
///
/// What still fails: in a binary, an associated function `main` of a
/// generic impl that returns `()`, `!`, `impl Trait`, `ExitCode` or a
/// `…Result` and names the impl's parameters in its body or return type
/// gets rustc's E0401 "can't use generic parameters from outer item"; a
/// function of another name, or another return type, compiles.
fn may_be_programs_main(function: &Function, target: Target) -> bool {
    let body = match &function.body {
        Body::Block(block) => block.stream(),
        Body::Missing(_) => TokenStream::new(),
    };
    function.name == "main"
        && target == Target::Binary
        && termination_like(&function.declared)
        && !function.params.first().is_some_and(is_receiver)
        && ![
            &function.generics,
            &function.param_list,
            &function.output,
            &function.where_clause,
            &body,
        ]
        .into_iter()
        .any(|tokens| mentions(tokens, "Self"))
}

/// Whether `output` (`-> Type`, or nothing) reads as a type a program's
/// `main` returns: none, `()`, `!`, `impl …`, or a path whose last segment
/// is `ExitCode` or ends in `Result` (`io::Result<()>`, `anyhow::Result<()>`).
/// Not `T`, `&'a str`, `[u8; N]`, `Self`: those are an impl's.
fn termination_like(declared: &[TokenTree]) -> bool {
    match declared {
        [] => true,
        [TokenTree::Group(unit)] => {
            unit.delimiter() == proc_macro2::Delimiter::Parenthesis && unit.stream().is_empty()
        }
        [TokenTree::Punct(bang)] => bang.as_char() == '!',
        [TokenTree::Ident(keyword), ..] if keyword == "impl" => true,
        _ => {
            // A path up to its generic arguments: `std::io::Result`.
            let path: Vec<&TokenTree> = declared
                .iter()
                .take_while(|token| !matches!(token, TokenTree::Punct(p) if p.as_char() == '<'))
                .collect();
            let is_path = path.iter().all(|token| match token {
                TokenTree::Ident(_) => true,
                TokenTree::Punct(colon) => colon.as_char() == ':',
                _ => false,
            });
            let name = path.last().map(ToString::to_string).unwrap_or_default();
            is_path && (name == "ExitCode" || name.ends_with("Result"))
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

/// What the attribute makes of another attribute on the same function. An
/// attribute macro ours can see was below it: one above would have expanded
/// first.
enum Role {
    /// Kept in place on the sync function: `#[should_panic]`, a wrapper such
    /// as `#[test_log::test]` or `#[googletest::test]`, …
    Kept,
    TrackCaller,
    /// The compiler's own test attribute next to `#[lazy_main::test]`;
    /// `generated_form`: written as macros write it, `#[::core::prelude::v1::test]`.
    SecondTest {
        generated_form: bool,
    },
    /// Generates a test for each set of the function's parameters.
    Generator,
    /// rstest's `#[case(…)]`, read by `#[rstest]`.
    RstestCase,
    /// Another attribute that drives the body: this one again, the other of
    /// ours, or another runtime's; the message says which.
    Stacked(String),
}

/// Runtimes whose attributes drive an `async fn`; any other crate's `…::test`
/// is a wrapper that keeps its place, and any other crate's `…::main` is
/// taken for a runtime's.
const RUNTIMES: [&str; 10] = [
    "tokio",
    "async_std",
    "smol_potat",
    "futures_test",
    "pollster",
    "actix_rt",
    "actix_web",
    "ntex",
    "compio",
    "monoio",
];

fn attribute_role(attr: &Attribute, kind: Kind, has_rstest: bool) -> Role {
    let path = attr.path();
    let written = format!("`#[{}]`", path.segments.join("::"));
    let ours = path.first() == "lazy_main";
    let in_crate = |krate: &str| path.segments.len() == 1 || path.first() == krate;
    match (ours, path.last(), kind) {
        (_, "track_caller", _) if path.segments.len() == 1 => Role::TrackCaller,
        (true, "main" | "lazy_main", Kind::Main) | (true, "test", Kind::Test) => {
            Role::Stacked(kind.says("is applied twice; remove one"))
        }
        (true, "main" | "lazy_main", Kind::Test) | (true, "test", Kind::Main) => {
            Role::Stacked(cannot_be_combined(&written, kind))
        }
        (false, "test", Kind::Test) if path.is_builtin_test() => Role::SecondTest {
            generated_form: path.leading_colons,
        },
        (false, "test", _) if RUNTIMES.contains(&path.first()) && path.segments.len() > 1 => {
            Role::Stacked(cannot_be_combined(&written, kind))
        }
        // `#[test]` alone makes the sync function a test; `#[tokio::main]` drives it.
        (false, "main", _) if path.segments.len() > 1 => {
            Role::Stacked(cannot_be_combined(&written, kind))
        }
        // `#[case(…)]` and `#[case::name(…)]` are rstest's when there is an
        // `#[rstest]`, else test-case's alias of `#[test_case(…)]`.
        (false, _, Kind::Test) if path.first() == "case" && has_rstest => Role::RstestCase,
        (false, "test_case" | "test_matrix" | "case", Kind::Test) if in_crate("test_case") => {
            Role::Generator
        }
        (false, "rstest", Kind::Test) if in_crate("rstest") => Role::Generator,
        _ => Role::Kept,
    }
}

/// "`#[tokio::main]` cannot be combined with `#[lazy_main::main]`: …"
fn cannot_be_combined(other: &str, kind: Kind) -> String {
    format!(
        "{other} cannot be combined with {}: each drives the body; remove one",
        kind.attribute()
    )
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
    use super::{may_be_programs_main, only_lifetimes, termination_like, validate};
    use crate::errors::Errors;
    use crate::item::Function;
    use crate::{Kind, Target};

    fn function(source: &str) -> Function {
        Function::read(source.parse().unwrap()).unwrap_or_else(|_| panic!("{source}"))
    }

    /// The messages for `source` under `kind`, in a binary.
    fn errors(kind: Kind, source: &str) -> Vec<String> {
        let mut errors = Errors::default();
        validate(&function(source), kind, Target::Binary, &mut errors);
        errors.messages()
    }

    #[test]
    fn what_a_programs_main_returns() {
        let returns = |output: &str| {
            let output: proc_macro2::TokenStream = output.parse().unwrap();
            termination_like(&output.into_iter().skip(2).collect::<Vec<_>>())
        };
        for output in [
            "",
            "-> ()",
            "-> !",
            "-> impl std::process::Termination",
            "-> ExitCode",
            "-> std::process::ExitCode",
            "-> Result<(), String>",
            "-> io::Result<()>",
            "-> ::anyhow::Result<()>",
        ] {
            assert!(returns(output), "{output}");
        }
        for output in [
            "-> T",
            "-> &'a str",
            "-> [u8; N]",
            "-> Self",
            "-> (u8, u8)",
            "-> u8",
        ] {
            assert!(!returns(output), "{output}");
        }
    }

    #[test]
    fn the_programs_main_is_a_binarys_main_that_an_impl_could_not_hold() {
        let main = |target, source: &str| may_be_programs_main(&function(source), target);
        assert!(main(Target::Binary, "async fn main() {}"));
        assert!(main(
            Target::Binary,
            "pub async fn main() -> Result<(), E> {}"
        ));
        // A library, a test, a doctest has no program's `main`.
        assert!(!main(Target::Other, "async fn main() {}"));
        assert!(!main(Target::Binary, "async fn run() {}"));
        assert!(!main(
            Target::Binary,
            "async fn main() -> T { T::default() }"
        ));
        assert!(!main(Target::Binary, "async fn main() -> u8 { Self::N }"));
        assert!(!main(Target::Binary, "async fn main(&self) {}"));
    }

    #[test]
    fn wrappers_stay_runtimes_and_the_test_attribute_are_errors() {
        for wrapped in [
            "#[test_log::test] async fn t() {}",
            "#[googletest::test] async fn t() {}",
            "#[gtest] async fn t() {}",
            "#[serial_test::serial] async fn t() {}",
            "#[ntest::timeout(100)] async fn t() {}",
        ] {
            assert!(errors(Kind::Test, wrapped).is_empty(), "{wrapped}");
        }
        for (stacked, expected) in [
            ("#[test] async fn t() {}", "a second test attribute"),
            (
                "#[::core::prelude::v1::test] async fn t() {}",
                "put `#[lazy_main::test]` first",
            ),
            (
                "#[tokio::test] async fn t() {}",
                "`#[tokio::test]` cannot be combined",
            ),
            (
                "#[async_std::test] async fn t() {}",
                "`#[async_std::test]` cannot be combined",
            ),
            (
                "#[pollster::main] async fn t() {}",
                "`#[pollster::main]` cannot be combined",
            ),
        ] {
            let errors = errors(Kind::Test, stacked);
            assert!(
                matches!(&errors[..], [one] if one.contains(expected)),
                "{stacked}: {errors:?}"
            );
        }
    }

    #[test]
    fn a_generator_supplies_the_parameters_of_a_test() {
        for generated in [
            "#[test_case(1)] #[test_case(2)] async fn t(x: u8) {}",
            "#[test_case::test_matrix([1, 2])] async fn t(x: u8) {}",
            "#[rstest] async fn t(#[values(1, 2)] x: u8) {}",
            "#[rstest::rstest] #[case(1)] async fn t(#[case] x: u8) {}",
        ] {
            assert!(errors(Kind::Test, generated).is_empty(), "{generated}");
            assert_eq!(errors(Kind::Main, generated).len(), 1, "{generated}");
        }
    }

    #[test]
    fn a_where_clause_bounds_the_impl_but_not_the_programs_main() {
        assert!(errors(Kind::Main, "async fn main() -> T where T: Default {}").is_empty());
        assert!(errors(Kind::Main, "async fn run(self) -> u8 where Self: Sized {}").is_empty());
        assert_eq!(
            errors(Kind::Main, "async fn main() where u8: Copy {}"),
            ["the program's `main` cannot have a `where` clause; remove it"]
        );
        // Part of a generic function: one error for both.
        assert_eq!(
            errors(Kind::Main, "async fn f<T>() where T: Copy {}").len(),
            1
        );
    }

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
