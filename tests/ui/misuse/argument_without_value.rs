// `crate` names a path; alone it means nothing.
#[lazy_main::main(crate)]
async fn main() {}
