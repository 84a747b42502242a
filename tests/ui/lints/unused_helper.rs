// An attributed function nobody calls is dead code, reported at its name as for any fn.
#![deny(dead_code)]

#[lazy_main::main]
async fn helper() -> u8 { //~ ERROR dead_code function `helper` is never used
    std::future::ready(1).await
}

fn main() {}
