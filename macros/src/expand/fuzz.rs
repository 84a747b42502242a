//! No input makes the expansion panic: random and mutated token streams
//! (real inputs with tokens and groups dropped, duplicated and swapped) all
//! come back as tokens, with or without a `compile_error!`.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

use super::expand;
use crate::{Kind, Target};

const RUNS: usize = 12_000;

/// Real inputs to mutate: arguments and items.
const SEEDS: &[&str] = &[
    "async fn main() { work().await; }",
    "pub async fn main() -> Result<(), Box<dyn std::error::Error>> { let n = f()?; Ok(()) }",
    "#[doc = \"x\"] #[should_panic] async fn t() -> ! { loop {} }",
    "pub(crate) async fn f<T: Fn() -> u8>(x: u32) -> Foo<{ 3 }> where T: Copy { x }",
    "async unsafe extern \"C\" fn f(self) {}",
    "struct S { a: u8 }",
    "crate = \"a::b\", block_on = ::x::y, trace = \"verbose\"",
    "crate = 5, trace(1), block_on, , =",
];

/// A tiny deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }
}

fn mutate(tokens: TokenStream, rng: &mut Rng) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    for _ in 0..=rng.below(3) {
        let len = trees.len();
        let at = rng.below(len);
        match rng.below(6) {
            0 if len > 0 => {
                trees.remove(at);
            }
            1 if len > 0 => trees.insert(at, trees[at].clone()),
            2 if len > 1 => trees.swap(at, rng.below(len)),
            3 if len > 0 => {
                // Mutate inside a group.
                if let TokenTree::Group(group) = &trees[at] {
                    let mut inner = Group::new(group.delimiter(), mutate(group.stream(), rng));
                    inner.set_span(group.span());
                    trees[at] = TokenTree::Group(inner);
                }
            }
            4 => trees.insert(at, random_tree(rng, 2)),
            _ if len > 0 => {
                // Unwrap a group into its contents.
                if let TokenTree::Group(group) = trees[at].clone() {
                    trees.splice(at..=at, group.stream());
                }
            }
            _ => {}
        }
    }
    trees.into_iter().collect()
}

fn random_tree(rng: &mut Rng, depth: usize) -> TokenTree {
    const WORDS: &[&str] = &[
        "async",
        "fn",
        "main",
        "pub",
        "crate",
        "where",
        "self",
        "Self",
        "->",
        "#",
        "!",
        "=",
        ",",
        "::",
        "<",
        ">",
        "trace",
        "block_on",
        "\"verbose\"",
        "\"a::b\"",
        "1",
        "'a",
        "test",
        "unsafe",
        "const",
        "extern",
        ";",
        "r#fn",
    ];
    if depth > 0 && rng.below(4) == 0 {
        let delimiter = [
            Delimiter::Parenthesis,
            Delimiter::Brace,
            Delimiter::Bracket,
            Delimiter::None,
        ][rng.below(4)];
        let stream = (0..rng.below(4))
            .map(|_| random_tree(rng, depth - 1))
            .collect();
        return TokenTree::Group(Group::new(delimiter, stream));
    }
    let word: TokenStream = WORDS[rng.below(WORDS.len())].parse().unwrap();
    word.into_iter().next().unwrap()
}

#[test]
fn random_and_mutated_inputs_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let seeds: Vec<TokenStream> = SEEDS.iter().map(|seed| seed.parse().unwrap()).collect();
    for run in 0..RUNS {
        let kind = if run % 2 == 0 { Kind::Main } else { Kind::Test };
        let (args, item) = if run % 5 == 0 {
            let random = |rng: &mut Rng| (0..rng.below(12)).map(|_| random_tree(rng, 3)).collect();
            (random(&mut rng), random(&mut rng))
        } else {
            let args = mutate(seeds[6 + rng.below(2)].clone(), &mut rng);
            let item = mutate(seeds[rng.below(6)].clone(), &mut rng);
            (args, item)
        };
        let described = format!("run {run}: args `{args}`, item `{item}`");
        let outcome = std::panic::catch_unwind(|| expand(kind, Target::Binary, args, item));
        assert!(outcome.is_ok(), "the expansion panicked on {described}");
    }
}
