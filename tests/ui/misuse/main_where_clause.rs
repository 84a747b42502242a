// The program's `main` cannot have a `where` clause (rustc: E0646); elsewhere it bounds an impl's parameters.
#[lazy_main::main]
async fn main()
where //~ ERROR cannot have a `where` clause
    u8: Copy,
{
}
