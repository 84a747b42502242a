// `crate` names a path; alone it means nothing.
#[lazy_main::main(crate)] //~ ERROR `crate` needs a value
async fn main() {}
