// Arguments are separated by single commas.
#[lazy_main::main(trace,,)] //~ ERROR remove the `,`
async fn main() {}
