// Twin of misuse/main_where_clause: no `where` clause.
#[lazy_main::main]
async fn main()
{
}
