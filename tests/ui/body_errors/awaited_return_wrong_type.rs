// `return x.await` returns the awaited output, which must have the declared return type.
#[lazy_main::main]
async fn main() -> std::process::ExitCode {
    return std::future::ready(1).await; //~ ERROR E0308 mismatched types
}
