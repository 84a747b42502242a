// Another runtime's attribute would drive the same body: choose one.
#[lazy_main::main]
#[tokio::main] //~ ERROR `#[tokio::main]` cannot be combined
async fn main() {}
