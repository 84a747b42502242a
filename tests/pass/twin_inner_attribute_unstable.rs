// Twin of lints/inner_attribute_unstable: the tool attribute goes outside, where it is stable.
#[rustfmt::skip]
#[lazy_main::main]
async fn main() {
    println!("{}", std::future::ready(1).await);
}
