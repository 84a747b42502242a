// An inner attribute at the top of the body is the function's, and rustc judges it as on any fn: a tool attribute there is unstable.
#[lazy_main::main]
async fn main() {
    #![rustfmt::skip] //~ ERROR E0658 custom inner attributes are unstable
    println!("{}", std::future::ready(1).await);
}
