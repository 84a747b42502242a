// A `where` clause has nothing to constrain on a function without generics.
#[lazy_main::main]
async fn main()
where
    u8: Copy,
{
}
