// `crate = path` must name the `lazy_main` crate as this crate sees it; a path that does not resolve is one error, at the path.
#[lazy_main::main(crate = lazy_mian)] //~ ERROR E0432 unresolved import `lazy_mian`
async fn helper() -> u8 {
    std::future::ready(1).await
}

fn main() {
    let _ = helper();
}
