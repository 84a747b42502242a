// Methods after `.await` are the output's methods: a `u8` has no `shout`.
#[lazy_main::main]
async fn main() {
    let n = std::future::ready(1u8).await.shout(); //~ ERROR E0599 no method named `shout` found
    println!("{n}");
}
