// Twin of misuse/main_generic: the body names the type it needs.
#[lazy_main::main]
async fn main() {
    let _value = u8::default();
}
