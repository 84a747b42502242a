//! Expansion snapshots: the expand function on representative inputs,
//! printed with prettyplease and compared with `macros/tests/expand/*.expanded.rs`.
//! Run with `LAZY_MAIN_BLESS=1` to rewrite the files after a deliberate change.

use std::path::PathBuf;

use proc_macro2::TokenStream;

use super::expand;
use crate::{Kind, Target};

/// Name, attribute, arguments, item.
const CASES: &[(&str, Kind, &str, &str)] = &[
    (
        "main",
        Kind::Main,
        "",
        "async fn main() {\n    println!(\"hello\");\n}",
    ),
    (
        "result",
        Kind::Main,
        "",
        "/// Reads a number.\npub async fn main() -> Result<(), Box<dyn std::error::Error>> {\n    let n: u32 = \"42\".parse()?;\n    println!(\"{n}\");\n    Ok(())\n}",
    ),
    (
        "never",
        Kind::Main,
        "",
        "async fn main() -> ! {\n    loop {}\n}",
    ),
    (
        "test_should_panic",
        Kind::Test,
        "",
        "#[should_panic(expected = \"boom\")]\nasync fn explodes() {\n    panic!(\"boom\");\n}",
    ),
    (
        "crate_path",
        Kind::Main,
        "crate = \"my_facade\"",
        "async fn main() {}",
    ),
    (
        "trace",
        Kind::Main,
        "trace",
        "async fn main() {\n    let n = work(1).await;\n    println!(\"{}\", n.await);\n}",
    ),
    (
        "block_on_path",
        Kind::Test,
        "block_on = futures_executor::block_on, trace = \"verbose\"",
        "async fn works() {}",
    ),
    (
        "helper",
        Kind::Main,
        "",
        "/// Not `main`: maybe in an impl.\npub async fn answer() -> u32 {\n    std::future::ready(42).await\n}",
    ),
    (
        "uses_self",
        Kind::Main,
        "",
        "async fn run() -> u8 {\n    Self::VALUE\n}",
    ),
    (
        "method_receiver",
        Kind::Main,
        "",
        "async fn describe(&self) -> String {\n    self.name().await\n}",
    ),
    (
        "error_missing_async",
        Kind::Main,
        "",
        "fn main() {\n    work().await;\n}",
    ),
    (
        "error_parameters",
        Kind::Test,
        "",
        "async fn adds(left: u32) {\n    assert_eq!(left, 1);\n}",
    ),
    (
        "test_case_below",
        Kind::Test,
        "trace",
        "#[test_case(1)]\n#[test_case(2)]\nasync fn doubles(x: u8) {\n    assert_eq!(x * 2, x + x);\n}",
    ),
    (
        "test_log_below",
        Kind::Test,
        "",
        "#[test_log::test]\nasync fn logs() {\n    log::info!(\"{}\", work().await);\n}",
    ),
    (
        "tokio_test_above",
        Kind::Test,
        "",
        "#[::core::prelude::v1::test]\nfn t() {\n    let body = async { work().await; };\n    tokio::pin!(body);\n    let body: ::core::pin::Pin<&mut dyn ::core::future::Future<Output = ()>> = body;\n    #[allow(clippy::expect_used)]\n    {\n        use tokio::runtime::Builder;\n        return Builder::new_current_thread().enable_all().build().expect(\"Failed building the Runtime\").block_on(body);\n    }\n}",
    ),
    (
        "main_returning_impl_parameter",
        Kind::Main,
        "",
        "pub async fn main() -> T {\n    T::default()\n}",
    ),
    (
        "where_self",
        Kind::Main,
        "",
        "async fn consume(self) -> u8\nwhere\n    Self: Sized,\n{\n    self.value().await\n}",
    ),
    (
        "error_parameters_in_impl",
        Kind::Main,
        "",
        "pub async fn with(value: T) -> T\nwhere\n    T: Default,\n{\n    value\n}",
    ),
];

fn pretty(tokens: TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as a file");
    prettyplease::unparse(&file)
}

#[test]
fn expansions_match_their_snapshots() {
    let directory = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let bless = std::env::var_os("LAZY_MAIN_BLESS").is_some();
    let mut mismatches = Vec::new();
    for &(name, kind, args, item) in CASES {
        let args: TokenStream = args.parse().unwrap();
        let item: TokenStream = item.parse().unwrap();
        let actual = pretty(expand(kind, Target::Binary, args, item));
        let path = directory.join(format!("{name}.expanded.rs"));
        if bless {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if actual != expected {
            mismatches.push(format!("{}:\n{actual}", path.display()));
        }
    }
    // A snapshot whose case is gone would otherwise go stale unnoticed.
    for entry in std::fs::read_dir(&directory).unwrap() {
        let path = entry.unwrap().path();
        let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
        let case = file_name.strip_suffix(".expanded.rs");
        if !case.is_some_and(|case| CASES.iter().any(|&(name, ..)| name == case)) {
            if bless {
                std::fs::remove_file(&path).unwrap();
            } else {
                mismatches.push(format!("{}: no case produces it", path.display()));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "expansions changed (LAZY_MAIN_BLESS=1 rewrites them):\n{}",
        mismatches.join("\n")
    );
}

/// Without `trace`, the expansion carries no trace code at all.
#[test]
fn trace_costs_nothing_when_absent() {
    let plain = pretty(expand(
        Kind::Main,
        Target::Binary,
        TokenStream::new(),
        "async fn main() {}".parse().unwrap(),
    ));
    assert!(!plain.contains("trace"), "{plain}");
}

/// rust-analyzer, recovering from a syntax error in the body, hands over a
/// placeholder where the body was; it stays there, with no error of ours,
/// so the editor maps it back and completion goes on inside the body. (That
/// no generated token borrows the placeholder's span, which would make the
/// editor drop it, cannot be seen outside a compiler; it was checked by
/// driving rust-analyzer over LSP.)
#[test]
fn an_editor_placeholder_for_the_body_stays_in_place() {
    for (kind, item) in [
        (Kind::Main, "async fn main() __ra_fixup"),
        (Kind::Test, "async fn works() -> u8 __ra_fixup"),
        (Kind::Main, "async fn helper(&self) -> u8 __ra_fixup"),
    ] {
        let output = expand(
            kind,
            Target::Binary,
            TokenStream::new(),
            item.parse().unwrap(),
        )
        .to_string();
        assert!(output.contains("__ra_fixup"), "{output}");
        assert!(!output.contains("compile_error"), "{output}");
    }
}

/// A `crate = path` is written once, so that a path that does not resolve
/// is one error, in every shape (tests are only compiled by `cargo test`,
/// so the teaching suite's compile-fail cases cannot show it for them).
#[test]
fn a_crate_path_is_written_once() {
    for (kind, args, item) in [
        (Kind::Main, "crate = nope", "async fn main() {}"),
        (
            Kind::Main,
            "crate = nope, trace",
            "async fn helper() -> u8 { f().await }",
        ),
        (Kind::Test, "crate = nope", "async fn adds() {}"),
        (
            Kind::Test,
            "crate = \"nope\", trace = \"verbose\"",
            "async fn adds() -> Result<(), E> { f().await?; Ok(()) }",
        ),
        (
            Kind::Main,
            "crate = nope",
            "async fn method(&self) -> Self { Self }",
        ),
    ] {
        let output = expand(
            kind,
            Target::Binary,
            args.parse().unwrap(),
            item.parse().unwrap(),
        )
        .to_string();
        assert_eq!(output.matches("nope").count(), 1, "{args} {item}: {output}");
    }
}
