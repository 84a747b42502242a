// Twin of misuse/trait_declaration_without_body: the trait declares a sync method; the impl's body is async.
trait Fetch {
    fn fetch(&self) -> u8;
}

struct Source;

impl Fetch for Source {
    #[lazy_main::main]
    async fn fetch(&self) -> u8 {
        std::future::ready(1).await
    }
}

fn main() {
    assert_eq!(Source.fetch(), 1);
}
