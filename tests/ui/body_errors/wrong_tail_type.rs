// A body error points into the body, exactly as in a plain `async fn`.
#[lazy_main::main]
async fn main() -> Result<(), String> {
    "not a result" //~ ERROR E0308 mismatched types
}
