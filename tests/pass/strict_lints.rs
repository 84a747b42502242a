// The expansion trips no lint, even with every group denied.
#![deny(warnings, unused, unused_braces, unused_qualifications, unreachable_code)]

#[lazy_main::main]
async fn main() {
    println!("one line");
}
