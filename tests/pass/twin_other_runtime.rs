// Twin of misuse/other_runtime: one runtime's attribute.
#[lazy_main::main]
async fn main() {}
