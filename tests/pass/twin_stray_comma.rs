// Twin of misuse/stray_comma: no empty argument between the commas.
#[lazy_main::main(trace,)]
async fn main() {}
