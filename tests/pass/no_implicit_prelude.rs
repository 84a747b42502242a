// Generated code uses absolute paths only, so it builds without the prelude.
#![no_implicit_prelude]

#[::lazy_main::main]
async fn main() -> ::core::result::Result<(), ::std::string::String> {
    ::core::future::ready(()).await;
    ::core::result::Result::Ok(())
}
