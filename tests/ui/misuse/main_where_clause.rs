// A `where` clause has nothing to constrain on a function without generics.
#[lazy_main::main]
async fn main()
where //~ ERROR cannot have a `where` clause
    u8: Copy,
{
}
