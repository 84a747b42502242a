//! The grammar: awaited operands × the positions an `.await` can stand in.
//!
//! A position is a piece of body with holes: `%A%` is an awaited operand
//! (`operand.await`), `%O%` the operand alone (the position writes its own
//! `.await`, or hands it to a macro). It names the value the operand must
//! produce (`%V%`, of type `%T%`) and the body's return type. An operand
//! wraps that value in a future (or in something else): a call, a path with
//! turbofish, a local, a block, a macro call, …; each hole gets its own
//! operand, numbered (`%N%`), so two locals never share a name.
//!
//! Many combinations do not type-check. That is the point: `trace` must not
//! change the errors either.

/// An awaited operand: what comes before `.await`.
pub struct Operand {
    pub name: &'static str,
    /// Statements before the position's code (a local to await, a closure).
    pub setup: &'static str,
    pub expr: &'static str,
    /// `match`/`if`/block operands: at the start of a statement they would
    /// end it, and `.await` after them would not parse.
    pub block_like: bool,
    /// Paired with every position; the others with a share of them.
    pub core: bool,
}

const fn operand(name: &'static str, setup: &'static str, expr: &'static str) -> Operand {
    Operand {
        name,
        setup,
        expr,
        block_like: false,
        core: false,
    }
}

const fn core(name: &'static str, setup: &'static str, expr: &'static str) -> Operand {
    Operand {
        core: true,
        ..operand(name, setup, expr)
    }
}

const fn block_like(name: &'static str, expr: &'static str) -> Operand {
    Operand {
        block_like: true,
        ..operand(name, "", expr)
    }
}

/// Every operand form. `later(v)` is pending once, so that the trace has a
/// place to name, then ready with `v`.
pub const OPERANDS: &[Operand] = &[
    core("call", "", "later(%V%)"),
    operand("path_turbofish", "", "::std::future::ready::<%T%>(%V%)"),
    operand("method", "", "Api.later(%V%)"),
    core("local", "let future%N% = later(%V%);", "future%N%"),
    core("parens", "", "(later(%V%))"),
    operand("async_block", "", "async { %V% }"),
    operand("macro_future", "", "fut!(%V%)"),
    operand("await_await", "", "ready(later(%V%)).await"),
    operand(
        "mut_ref_pinned",
        "let mut pinned%N% = pin!(later(%V%));",
        "(&mut pinned%N%)",
    ),
    operand(
        "closure_parameter",
        "let await_it%N% = |future| async move { future.await };",
        "await_it%N%(later(%V%))",
    ),
    operand("std_ready", "", "std::future::ready(%V%)"),
    operand("core_path", "", "core::future::ready::<%T%>(%V%)"),
    operand("method_chain", "", "Api.this().later(%V%)"),
    operand("method_turbofish", "", "Api.later::<%T%>(%V%)"),
    operand(
        "async_move_block",
        "let value%N% = %V%;",
        "async move { value%N% }",
    ),
    operand(
        "tuple_field",
        "let pair%N% = (later(%V%), 0u8);",
        "pair%N%.0",
    ),
    block_like("match", "match 0 { _ => later(%V%) }"),
    block_like("if", "if true { later(%V%) } else { later(%V%) }"),
    block_like("unsafe_block", "unsafe { later(%V%) }"),
    block_like("loop_break", "loop { break later(%V%); }"),
    block_like("labelled_block", "'operand: { later(%V%) }"),
    block_like("labelled_loop", "'operand: loop { break later(%V%); }"),
    block_like("block", "{ later(%V%) }"),
    operand("into_future", "", "Builder(%V%)"),
    operand("not_send_into_future", "", "local(%V%)"),
    operand("struct_literal", "", "Named { value: %V% }"),
    operand("noisy_temporary", "", "Noisy(\"operand\").later(%V%)"),
    operand("noisy_future", "", "noisy_future(\"future\", %V%)"),
    operand("boxed", "", "Box::pin(later(%V%))"),
    operand("not_a_future", "let value%N% = %V%;", "value%N%"),
    operand("qualified_path", "", "<Api>::later(&Api, %V%)"),
    operand("indexed", "let futures%N% = [later(%V%)];", "futures%N%[0]"),
    operand("async_closure", "let make%N% = async || %V%;", "make%N%()"),
    operand("fn_pointer", "let make%N% = later::<%T%>;", "make%N%(%V%)"),
    operand(
        "poll_fn",
        "",
        "std::future::poll_fn(|_| std::task::Poll::Ready(%V%))",
    ),
    operand("try_inside", "", "Some(later(%V%))?"),
    operand("double_parens", "", "((later(%V%)))"),
    operand("macro_brackets", "", "fut![%V%]"),
    operand("not_unpin_by_ref", "", "(&mut later(%V%))"),
    operand("boxed_not_unpin", "", "*Box::new(later(%V%))"),
    operand("inferred", "", "Default::default()"),
    operand("unit", "", "()"),
    operand("literal", "", "7"),
    operand("string_literal", "", "\"text\""),
    operand("tuple", "", "(later(%V%), 0u8)"),
    operand("diverging", "", "todo!()"),
    operand("braced_in_parens", "", "({ later(%V%) })"),
    operand("into_inferred", "", "ready(%V%).into()"),
];

/// Where the awaits stand.
pub struct Position {
    pub name: &'static str,
    /// The body's return type.
    pub output: &'static str,
    /// The value each operand produces, and its type.
    pub value: &'static str,
    pub ty: &'static str,
    pub code: &'static str,
    /// Let chains: only in edition 2024.
    pub only_2024: bool,
}

const fn at(
    name: &'static str,
    output: &'static str,
    value: &'static str,
    ty: &'static str,
    code: &'static str,
) -> Position {
    Position {
        name,
        output,
        value,
        ty,
        code,
        only_2024: false,
    }
}

/// A `u32` body around a `u32` await.
const fn num(name: &'static str, code: &'static str) -> Position {
    at(name, "u32", "1u32", "u32", code)
}

/// A `()` body around a `u32` await: these also become tests.
const fn unit(name: &'static str, code: &'static str) -> Position {
    at(name, "()", "1u32", "u32", code)
}

const fn chain(
    name: &'static str,
    output: &'static str,
    value: &'static str,
    ty: &'static str,
    code: &'static str,
) -> Position {
    Position {
        only_2024: true,
        ..at(name, output, value, ty, code)
    }
}

const SOME: &str = "Some(2u32)";
const OPTION: &str = "Option<u32>";

/// Bindings, tails, statements.
const BINDINGS: &[Position] = &[
    num("let", "let v = %A%;\nv"),
    num("tail", "%A%"),
    at("statement", "()", "()", "()", "%A%;"),
    num("let_underscore", "let _ = %A%;\n0"),
    num("let_typed_mismatch", "let v: u64 = %A%;\nv as u32"),
    num("assign", "let mut v = 0;\nv = %A%;\nv"),
    num("compound_assign", "let mut v = 1;\nv += %A%;\nv"),
    num("two_in_sequence", "let a = %A%;\nlet b = %A%;\na + b"),
    num("parens_around", "let v = (%A%);\nv"),
    num("shadowed", "let v = 1u32;\nlet v = v + %A%;\nv"),
    num("block_tail", "let v = { %A% };\nv"),
    num("unsafe_block", "unsafe { %A% }"),
    num("return", "return %A%;"),
    num("return_tail", "return %A%"),
    num("return_early", "if %A% > 0 {\n    return 7;\n}\n0"),
    at(
        "unused_must_use",
        "()",
        "Ok::<u32, ()>(1)",
        "Result<u32, ()>",
        "%A%;",
    ),
    num("infer_later", "let v = %A%;\nlet w: u32 = v;\nw"),
    at(
        "infer_from_default",
        "u32",
        "Default::default()",
        "_",
        "let v = %A%;\nlet w: u32 = v;\nw",
    ),
    at(
        "infer_unknown",
        "()",
        "Default::default()",
        "_",
        "let v = %A%;\nprintln!(\"{:?}\", v);",
    ),
    at(
        "infer_parse",
        "u32",
        "\"5\".parse().unwrap()",
        "_",
        "let v = %A%;\nv + 1u32",
    ),
    at("infer_into", "u64", "1u32.into()", "_", "%A%"),
];

/// Prefix and binary operators, casts, ranges.
const OPERATORS: &[Position] = &[
    at("negate", "i32", "2i32", "i32", "-%A%"),
    num("negate_unsigned", "-%A%"),
    at("not_bool", "bool", "false", "bool", "!%A%"),
    num("not_int", "!%A%"),
    at("deref", "u32", "&7u32", "&'static u32", "*%A%"),
    num("deref_not_pointer", "*%A%"),
    num("ref", "let r = &%A%;\n*r"),
    num("ref_mut", "let r = &mut %A%;\n*r += 1;\n*r"),
    num("double_ref", "let r = &&%A%;\n**r"),
    num("add_left", "%A% + 1"),
    num("add_right", "1 + %A%"),
    num("multiply_both", "%A% * %A%"),
    num("subtract_other_type", "(%A% - 1u64) as u32"),
    num("divide_remainder", "%A% / 1 + %A% % 2"),
    num("bits", "%A% | 2 ^ %A% & 1"),
    num("shifts", "(%A% << 2) >> 1"),
    at("less_left", "bool", "1u32", "u32", "%A% < 2"),
    at("greater_right", "bool", "1u32", "u32", "2 > %A%"),
    at(
        "less_greater_chain",
        "bool",
        "1u32",
        "u32",
        "1 < 2 && 3 > %A%",
    ),
    at(
        "compare_parenthesised",
        "bool",
        "1u32",
        "u32",
        "1 < (%A%) && (%A%) > 0",
    ),
    at("equal", "bool", "1u32", "u32", "%A% == 1"),
    at("not_equal_both", "bool", "1u32", "u32", "%A% != %A%"),
    at("and_right", "bool", "true", "bool", "true && %A%"),
    at("or_left", "bool", "false", "bool", "%A% || false"),
    at("and_both", "bool", "true", "bool", "%A% && %A%"),
    at("cast", "u64", "1u32", "u32", "%A% as u64"),
    at("cast_then_add", "u64", "1u32", "u32", "%A% as u64 + 1"),
    at("cast_twice", "u8", "1u32", "u32", "%A% as u64 as u8"),
    at("cast_compared", "bool", "1u32", "u32", "(%A% as u64) < 2"),
    at("cast_greater", "bool", "1u32", "u32", "%A% as i64 > -1"),
    at("cast_invalid", "u64", "\"7\"", "&'static str", "%A% as u64"),
    at("cast_to_bool", "bool", "1u32", "u32", "%A% as bool"),
    at("range_to", "std::ops::RangeTo<u32>", "1u32", "u32", "..%A%"),
    at(
        "range_from",
        "std::ops::RangeFrom<u32>",
        "1u32",
        "u32",
        "%A%..",
    ),
    at("range", "std::ops::Range<u32>", "1u32", "u32", "%A%..%A%"),
    at(
        "range_inclusive",
        "std::ops::RangeInclusive<u32>",
        "1u32",
        "u32",
        "%A%..=%A%",
    ),
    at(
        "range_to_inclusive",
        "std::ops::RangeToInclusive<u32>",
        "1u32",
        "u32",
        "..=%A%",
    ),
    at(
        "range_in_for",
        "u32",
        "3u32",
        "u32",
        "let mut sum = 0;\nfor i in 0..%A% {\n    sum += i;\n}\nsum",
    ),
    at(
        "range_slice",
        "usize",
        "2usize",
        "usize",
        "let v = [1u32, 2, 3];\nv[..%A%].len()",
    ),
    at(
        "range_method",
        "bool",
        "1u32",
        "u32",
        "(0..%A%).contains(&0)",
    ),
];

/// `?`, method chains, fields, indexing, calls and constructors.
const POSTFIX: &[Position] = &[
    at(
        "try_option",
        "Option<u32>",
        SOME,
        OPTION,
        "let v = %A%?;\nSome(v + 1)",
    ),
    at(
        "try_option_none",
        "Option<u32>",
        "None::<u32>",
        OPTION,
        "let v = %A%?;\nSome(v + 1)",
    ),
    at(
        "try_result",
        "Result<u32, String>",
        "Ok::<u32, String>(3)",
        "Result<u32, String>",
        "Ok(%A%? + 1)",
    ),
    at(
        "try_result_err",
        "Result<u32, String>",
        "Err::<u32, String>(String::from(\"no\"))",
        "Result<u32, String>",
        "let v = %A%?;\nOk(v)",
    ),
    at(
        "try_converts",
        "Result<u32, Box<dyn std::error::Error>>",
        "\"7\".parse::<u32>()",
        "Result<u32, std::num::ParseIntError>",
        "Ok(%A%?)",
    ),
    at(
        "try_no_conversion",
        "Result<u32, Oops>",
        "Err::<u32, String>(String::from(\"no\"))",
        "Result<u32, String>",
        "Ok(%A%?)",
    ),
    at("try_on_value", "Option<u32>", "1u32", "u32", "Some(%A%?)"),
    at("try_in_unit", "()", SOME, OPTION, "let _v = %A%?;"),
    at(
        "try_to_unit_result",
        "Result<(), String>",
        "Ok::<u32, String>(3)",
        "Result<u32, String>",
        "let _v = %A%?;\nOk(())",
    ),
    at(
        "try_then_method",
        "Result<String, String>",
        "Ok::<u32, String>(4)",
        "Result<u32, String>",
        "Ok(%A%?.to_string())",
    ),
    at("method", "String", "7u32", "u32", "%A%.to_string()"),
    at(
        "method_chain",
        "usize",
        "String::from(\" ab \")",
        "String",
        "%A%.trim().to_uppercase().len()",
    ),
    at("method_missing", "u32", "1u8", "u8", "%A%.nope()"),
    num("method_then_unwrap", "%A%.checked_add(1).unwrap()"),
    at("field", "u32", "(1u32, 2u32)", "(u32, u32)", "%A%.1"),
    at("field_named", "u32", "Pair { a: 1, b: 2 }", "Pair", "%A%.b"),
    at(
        "call_the_result",
        "u32",
        "(|| 5u32) as fn() -> u32",
        "fn() -> u32",
        "(%A%)()",
    ),
    at(
        "await_called_like_a_method",
        "u32",
        "(|| 5u32) as fn() -> u32",
        "fn() -> u32",
        "%A%()",
    ),
    at(
        "option_combinators",
        "u32",
        SOME,
        OPTION,
        "%A%.map(|v| v * 2).unwrap_or(0)",
    ),
    at(
        "index_after",
        "u32",
        "vec![1u32, 2, 3]",
        "Vec<u32>",
        "%A%[1]",
    ),
    at(
        "index_by",
        "u32",
        "1usize",
        "usize",
        "let v = [10u32, 20, 30];\nv[%A%]",
    ),
    at(
        "index_out_of_bounds",
        "u32",
        "5usize",
        "usize",
        "let v = [10u32, 20, 30];\nv[%A%]",
    ),
    at(
        "index_both",
        "u32",
        "vec![1u32, 2]",
        "Vec<u32>",
        "%A%[0] + %A%[1]",
    ),
    num("index_wrong_type", "let v = [10u32];\nv[%A%]"),
    num("call_argument", "takes_u32(%A%)"),
    at(
        "call_argument_mismatch",
        "u32",
        "\"no\"",
        "&'static str",
        "takes_u32(%A%)",
    ),
    num("call_two_arguments", "u32::max(%A%, %A%)"),
    num(
        "method_argument",
        "let mut v = Vec::new();\nv.push(%A%);\nv[0]",
    ),
    num("tuple", "let (a, b) = (%A%, %A%);\na + b"),
    num("array", "let a = [%A%, %A%];\na[0] + a[1]"),
    num("array_repeat", "let a = [%A%; 3];\na[2]"),
    num(
        "struct_literal",
        "let p = Pair { a: %A%, b: 2 };\np.a + p.b",
    ),
    num(
        "struct_shorthand",
        "let a = %A%;\nlet p = Pair { a, b: %A% };\np.a + p.b",
    ),
    num("closure_argument", "(|x: u32| x + 1)(%A%)"),
    num(
        "evaluation_order",
        "say(\"left\", 1u32) + %A% + say(\"right\", 1u32)",
    ),
    num(
        "argument_order",
        "u32::max(say(\"first\", 1u32), %A%) + say(\"after\", 0u32)",
    ),
];

/// Conditions, loops, `match`, labels.
const CONTROL: &[Position] = &[
    at("if_condition", "u32", "true", "bool", "if %A% { 1 } else { 2 }"),
    num("if_condition_not_bool", "if %A% { 1 } else { 2 }"),
    num("if_less_parenthesised", "if (%A%) < 2 { 1 } else { 0 }"),
    num("if_greater_parenthesised", "if 0 > (%A%) { 1 } else { 0 }"),
    num("if_less", "if %A% < 2 { 1 } else { 0 }"),
    num(
        "else_if",
        "if false {\n    0\n} else if %A% > 0 {\n    1\n} else {\n    2\n}",
    ),
    num("if_branch", "if true { %A% } else { 0 }"),
    at(
        "if_let",
        "u32",
        SOME,
        OPTION,
        "if let Some(v) = %A% { v } else { 0 }",
    ),
    at(
        "let_else",
        "u32",
        SOME,
        OPTION,
        "let Some(v) = %A% else {\n    return 0;\n};\nv",
    ),
    at(
        "while_condition",
        "u32",
        "false",
        "bool",
        "let mut n = 0;\nwhile %A% {\n    n += 1;\n}\nn",
    ),
    at(
        "while_let",
        "u32",
        "None::<u32>",
        OPTION,
        "let mut n = 0;\nwhile let Some(v) = %A% {\n    n += v;\n}\nn",
    ),
    num(
        "while_counting",
        "let mut n = 0;\nwhile n < %A% * 3 {\n    n += 1;\n}\nn",
    ),
    at(
        "for_in",
        "u32",
        "vec![1u32, 2]",
        "Vec<u32>",
        "let mut sum = 0;\nfor x in %A% {\n    sum += x;\n}\nsum",
    ),
    num(
        "in_loop_body",
        "let mut n = 0;\nfor i in 0..3 {\n    if i == 1 {\n        continue;\n    }\n    n += %A%;\n}\nn",
    ),
    num("match_scrutinee", "match %A% {\n    1 => 10,\n    _ => 20,\n}"),
    num("match_arm", "match 3u32 {\n    0 => 0,\n    _ => %A%,\n}"),
    num(
        "match_arm_block",
        "match 3u32 {\n    0 => 0,\n    _ => {\n        %A%\n    }\n}",
    ),
    num(
        "guard_less_parenthesised",
        "match 3u32 {\n    x if x < (%A%) => x,\n    _ => 0,\n}",
    ),
    num(
        "guard_greater_parenthesised",
        "match 3u32 {\n    x if (%A%) > x => x,\n    _ => 0,\n}",
    ),
    num(
        "guard_less",
        "match 3u32 {\n    x if x < %A% => x,\n    _ => 0,\n}",
    ),
    num(
        "arm_after_guard",
        "match 3u32 {\n    x if x < 10 => (%O%).await,\n    _ => 0,\n}",
    ),
    num(
        "guard_and_scrutinee",
        "match %A% {\n    x if x > %A% => x,\n    x => x + 1,\n}",
    ),
    at("matches", "bool", "1u32", "u32", "matches!(%A%, 1 | 2)"),
    at(
        "matches_guard",
        "bool",
        "1u32",
        "u32",
        "matches!(%A%, x if x > 0)",
    ),
    num("loop_break", "loop {\n    break %A%;\n}"),
    num(
        "break_outer_label",
        "'outer: loop {\n    loop {\n        break 'outer %A%;\n    }\n}",
    ),
    num("break_block", "'block: {\n    break 'block %A%;\n}"),
    num(
        "block_label_tail",
        "'block: {\n    if false {\n        break 'block 0;\n    }\n    %A%\n}",
    ),
    num(
        "break_label_parenthesised",
        "'a: {\n    break 'a (%O%).await;\n}",
    ),
    num("break_label_tail", "'a: {\n    break 'a %A%\n}"),
];

/// Closures, async blocks, nested items, `Send`.
const NESTING: &[Position] = &[
    num("closure_async_block", "let c = || async move { %A% };\nc().await"),
    num("sync_closure", "let c = || %A%;\nc()"),
    num("async_closure", "let c = async || %A%;\nc().await"),
    num("async_move_closure", "let c = async move || %A%;\nc().await"),
    num(
        "closure_parameter_block",
        "let c = |x: u32| async move { x + %A% };\nc(1).await",
    ),
    num("in_sync_closure_argument", "Some(1u32).map(|x| x + %A%).unwrap()"),
    num("async_block", "async { %A% }.await"),
    num("nested_async_blocks", "async move { async { %A% }.await }.await"),
    num("async_block_later", "let f = async { %A% };\nf.await"),
    num(
        "two_blocks",
        "let a = async { %A% };\nlet b = async { %A% };\na.await + b.await",
    ),
    num(
        "nested_async_fn",
        "async fn inner() -> u32 {\n    %A%\n}\ninner().await",
    ),
    num("nested_sync_fn", "fn inner() -> u32 {\n    %A%\n}\ninner()"),
    num("const_item", "const C: u32 = %A%;\nC"),
    num("send_block", "needs_send(async { %A% }).await"),
    num(
        "send_block_holding_rc",
        "needs_send(async {\n    let keep = Rc::new(1u32);\n    let v = %A%;\n    v + *keep\n})\n.await",
    ),
    num(
        "send_block_moving_rc",
        "let rc = Rc::new(0u32);\nneeds_send(async move {\n    let v = %A%;\n    v + *rc\n})\n.await",
    ),
];

/// Statement attributes and every macro family.
const MACROS: &[Position] = &[
    at(
        "attribute_parenthesised",
        "()",
        "()",
        "()",
        "#[allow(unused_parens)]\n(%O%).await;",
    ),
    at(
        "attribute_must_use",
        "()",
        "Ok::<u32, ()>(1)",
        "Result<u32, ()>",
        "#[allow(unused_must_use)]\n%A%;",
    ),
    num("attribute_cfg", "#[cfg(all())]\nlet v = %A%;\nv"),
    num("attribute_cfg_removed", "#[cfg(any())]\nlet _v = %A%;\n0"),
    num(
        "attribute_on_expression",
        "let v = #[allow(unused_parens)] (%A%);\nv",
    ),
    num(
        "body_macro_awaits",
        "macro_rules! aw {\n    ($e:expr) => {\n        $e.await\n    };\n}\naw!(%O%)",
    ),
    num(
        "body_macro_tokens",
        "macro_rules! aw {\n    ($($t:tt)*) => {\n        ($($t)*).await\n    };\n}\naw!(%O%)",
    ),
    num(
        "body_macro_passes",
        "macro_rules! id {\n    ($e:expr) => {\n        $e\n    };\n}\nid!(%A%)",
    ),
    num("user_macro", "mine!(%A%)"),
    unit("println", "println!(\"{}\", %A%);"),
    unit("println_two", "println!(\"{:?} {}\", %A%, %A%,);"),
    unit("println_named", "println!(\"{v}\", v = %A%);"),
    unit("println_inline", "let v = %A%;\nprintln!(\"{v}\");"),
    unit("print_path", "::std::print!(\"{}\\n\", %A%);"),
    unit("eprintln", "eprintln!(\"{:?}\", %A%);"),
    unit(
        "format_in_println",
        "println!(\"{}\", format!(\"<{}>\", %A%));",
    ),
    unit(
        "async_closure_in_println",
        "println!(\"{}\", (async || %A%)().await);",
    ),
    at("format", "String", "1u32", "u32", "format!(\"{}-{}\", %A%, 1)"),
    at(
        "format_args",
        "String",
        "1u32",
        "u32",
        "format!(\"{}\", format_args!(\"{}\", %A%))",
    ),
    at(
        "write",
        "String",
        "1u32",
        "u32",
        "use std::fmt::Write as _;\nlet mut s = String::new();\nwrite!(s, \"{}\", %A%).unwrap();\ns",
    ),
    unit(
        "writeln_stdout",
        "use std::io::Write as _;\nwriteln!(std::io::stdout(), \"{}\", %A%).unwrap();",
    ),
    unit("assert_eq", "assert_eq!(%A%, 1);"),
    unit(
        "assert_eq_fails",
        "assert_eq!(%A%, 2, \"values differ: {}\", %A%);",
    ),
    unit("assert_eq_both", "assert_eq!(%A%, %A%);"),
    unit("assert_ne", "assert_ne!(%A%, 5);"),
    unit("debug_assert_eq", "debug_assert_eq!(%A% + 1, 2);"),
    unit("assert", "assert!(%A% == 1);"),
    unit("debug_assert", "debug_assert!(%A% < 5);"),
    unit("assert_fails", "assert!(%A% == 2);"),
    unit(
        "assert_message",
        "assert!(%A% > 5, \"too small: {}\", %A%);",
    ),
    unit("panic", "if %A% > 0 {\n    panic!(\"value {}\", %A%);\n}"),
    num("core_panic", "core::panic!(\"{}\", %A%)"),
    num(
        "unreachable",
        "if %A% == 1 {\n    return 1;\n}\nunreachable!(\"got {}\", %A%)",
    ),
    num("todo", "if %A% == 1 { 1 } else { todo!(\"{}\", %A%) }"),
    num("dbg", "dbg!(%A%)"),
    num("dbg_two", "let (a, b) = dbg!(%A%, %A% + 1);\na + b"),
    at("stringify", "&'static str", "1u32", "u32", "stringify!(%A%)"),
    at("vec", "Vec<u32>", "1u32", "u32", "vec![%A%, %A% + 1]"),
    at("vec_repeat", "Vec<u32>", "1u32", "u32", "vec![%A%; 2]"),
    at(
        "shadowed_format",
        "&'static str",
        "1u32",
        "u32",
        "macro_rules! format {\n    ($($t:tt)*) => {\n        stringify!($($t)*)\n    };\n}\nformat!(%A%)",
    ),
    unit(
        "shadowed_println",
        "macro_rules! println {\n    ($e:expr) => {\n        ::std::println!(\"{}\", stringify!($e))\n    };\n}\nprintln!(%A%);",
    ),
];

/// `Drop` types that print their names: the order must not change.
const DROPS: &[Position] = &[
    num(
        "drop_tail_temporary",
        "let _local = Noisy(\"local\");\nNoisy(\"tail\").pass(%A%)",
    ),
    num(
        "drop_statement_temporary",
        "let v = Noisy(\"statement\").pass(%A%);\nprintln!(\"after the statement\");\nv",
    ),
    num(
        "drop_scrutinee",
        "match Noisy(\"scrutinee\").pass(%A%) {\n    v => {\n        println!(\"in the arm\");\n        v\n    }\n}",
    ),
    at(
        "drop_if_let",
        "u32",
        SOME,
        OPTION,
        "if let Some(v) = Noisy(\"if let\").pass(%A%) {\n    println!(\"then\");\n    v\n} else {\n    println!(\"else\");\n    0\n}",
    ),
    at(
        "drop_if_let_else",
        "u32",
        "None::<u32>",
        OPTION,
        "if let Some(v) = Noisy(\"if let\").pass(%A%) {\n    println!(\"then\");\n    v\n} else {\n    println!(\"else\");\n    0\n}",
    ),
    num(
        "drop_operands",
        "let a = Noisy(\"a\");\nlet v = %A% + Noisy(\"b\").pass(1);\ndrop(a);\nv",
    ),
    num(
        "drop_block_tail",
        "let _local = Noisy(\"local\");\n{\n    let _inner = Noisy(\"inner\");\n    Noisy(\"block tail\").pass(%A%)\n}",
    ),
    num(
        "drop_while_unwinding",
        "let _guard = Noisy(\"guard\");\nlet v = %A%;\nif v > 0 {\n    panic!(\"unwinding past the guard\");\n}\nv",
    ),
    num(
        "drop_tail_borrow",
        "let local = Noisy(\"local\");\n*Noisy(\"tail\").pass(&local).pass(&%A%)",
    ),
];

/// Moving the awaited variable, then using it again: the one known
/// difference (see the summary).
const MOVES: &[Position] = &[
    num(
        "move_then_await_again",
        "let f = %O%;\nlet v = f.await;\nlet w = f.await;\nv + w",
    ),
    num(
        "move_then_use",
        "let f = %O%;\nlet v = f.await;\ndrop(f);\nv",
    ),
    num(
        "move_in_loop",
        "let f = %O%;\nlet mut n = 0;\nfor _ in 0..2 {\n    n += f.await;\n}\nn",
    ),
    num(
        "move_while_borrowed",
        "let f = %O%;\nlet r = &f;\nlet v = f.await;\ndrop(r);\nv",
    ),
    num(
        "move_out_of_reference",
        "let f = %O%;\nlet r = &f;\n(*r).await",
    ),
    num(
        "move_field_behind_reference",
        "let pair = (%O%, 0u8);\nlet r = &pair;\nr.0.await",
    ),
    num(
        "move_out_of_async_closure",
        "let f = %O%;\nlet c = async || f.await;\nc().await",
    ),
];

/// Let chains, edition 2024 only.
const LET_CHAINS: &[Position] = &[
    chain(
        "let_chain_first",
        "u32",
        SOME,
        OPTION,
        "if let Some(v) = %A% && v > 0 { v } else { 0 }",
    ),
    chain(
        "let_chain_second",
        "u32",
        SOME,
        OPTION,
        "if true && let Some(v) = %A% { v } else { 0 }",
    ),
    chain(
        "let_chain_both",
        "u32",
        SOME,
        OPTION,
        "if let Some(a) = %A% && let Some(b) = %A% { a + b } else { 0 }",
    ),
    chain(
        "let_chain_condition",
        "u32",
        "2u32",
        "u32",
        "if let Some(v) = Some(1u32) && v < %A% { v } else { 0 }",
    ),
    chain(
        "while_let_chain",
        "u32",
        "None::<u32>",
        OPTION,
        "let mut n = 0;\nwhile let Some(v) = %A% && v > 5 {\n    n += v;\n}\nn",
    ),
    chain(
        "let_chain_drop",
        "u32",
        SOME,
        OPTION,
        "if let Some(v) = Noisy(\"chain\").pass(%A%) && v > 0 {\n    println!(\"then\");\n    v\n} else {\n    0\n}",
    ),
];

/// Every position, in a fixed order.
pub fn positions() -> impl Iterator<Item = &'static Position> {
    [
        BINDINGS, OPERATORS, POSTFIX, CONTROL, NESTING, MACROS, DROPS, MOVES, LET_CHAINS,
    ]
    .into_iter()
    .flatten()
}

/// How the body is attributed and called.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    /// `#[lazy_main::main] async fn body_17() -> T`, called from `main`.
    Helper,
    /// `#[lazy_main::main] async fn main() -> T` in a module `body_17`: the
    /// program's `main` shape, an inner `async fn`.
    Main,
    /// `#[lazy_main::test] async fn body_17()`, in a test target.
    Test,
    /// A helper written by a `macro_rules!` that takes the operand as
    /// `$e:expr`: the attribute sees it as one invisible group.
    Generated,
}

/// One generated body.
pub struct Body {
    /// `body_17`: its function's (or module's) name.
    pub name: String,
    pub shape: Shape,
    pub output: &'static str,
    /// The statements, not indented.
    pub code: String,
    /// For [`Shape::Generated`]: the statements with `$e` for the operand,
    /// and the operand the macro is called with.
    pub generated: Option<(String, String)>,
    /// `operand × position`, for the summary.
    pub description: String,
}

/// One in this many of the non-core operands meets each position.
const NON_CORE_SHARE: usize = 12;

/// Pairs that the share might miss and that must meet: `Send` with a
/// `!Send` operand, `Drop` types with the drop-order positions, a future
/// awaited again after it completed, …
const PAIRS: &[(&str, &str)] = &[
    ("not_send_into_future", "send_block"),
    ("not_send_into_future", "send_block_holding_rc"),
    ("not_send_into_future", "send_block_moving_rc"),
    ("closure_parameter", "let"),
    ("closure_parameter", "send_block"),
    ("closure_parameter", "const_item"),
    ("closure_parameter", "stringify"),
    ("labelled_loop", "let"),
    ("labelled_loop", "add_right"),
    ("labelled_loop", "println"),
    ("labelled_block", "let"),
    ("match", "println"),
    ("if", "add_right"),
    ("noisy_temporary", "drop_tail_temporary"),
    ("noisy_temporary", "drop_if_let_else"),
    ("noisy_temporary", "drop_while_unwinding"),
    ("noisy_temporary", "evaluation_order"),
    ("noisy_future", "drop_tail_temporary"),
    ("noisy_future", "drop_scrutinee"),
    ("noisy_future", "drop_block_tail"),
    ("noisy_future", "argument_order"),
    ("mut_ref_pinned", "while_counting"),
    ("mut_ref_pinned", "two_in_sequence"),
    ("async_closure", "move_in_loop"),
    ("await_await", "println"),
    ("macro_future", "assert_fails"),
    ("macro_future", "call_argument_mismatch"),
    ("macro_future", "let_typed_mismatch"),
    ("macro_future", "if_condition_not_bool"),
    ("path_turbofish", "dbg"),
    ("method_turbofish", "stringify"),
    ("qualified_path", "let"),
    ("struct_literal", "let"),
    ("double_parens", "let"),
    ("inferred", "let"),
    ("unit", "statement"),
    ("unit", "let"),
    ("unit", "println"),
    ("literal", "let"),
    ("string_literal", "add_left"),
    ("tuple", "let"),
    ("diverging", "let"),
    ("diverging", "tail"),
    ("diverging", "statement"),
    ("braced_in_parens", "let"),
    ("braced_in_parens", "tail"),
];

/// The bodies of one edition, numbered from 1.
pub fn bodies(edition: u32) -> Vec<Body> {
    let mut bodies = Vec::new();
    for (p, position) in positions().enumerate() {
        if position.only_2024 && edition < 2024 {
            continue;
        }
        for (o, operand) in OPERANDS.iter().enumerate() {
            let paired = PAIRS.contains(&(operand.name, position.name));
            if !operand.core && (p + o) % NON_CORE_SHARE != 0 && !paired {
                continue;
            }
            if operand.block_like && starts_a_statement(position.code) {
                continue; // `match x {}.await;` does not parse
            }
            let name = format!("body_{}", bodies.len() + 1);
            let code = fill(position, operand, None);
            // A macro's own `$…` would clash with the writing macro's.
            let can_be_generated = operand.setup.is_empty() && !position.code.contains('$');
            let shape = shape_of(bodies.len(), position.output, can_be_generated);
            let generated = (shape == Shape::Generated).then(|| {
                let text = fill_placeholders(operand.expr, position, 0);
                (fill(position, operand, Some("$e")), text)
            });
            bodies.push(Body {
                name,
                shape,
                output: position.output,
                code,
                generated,
                description: format!("{} × {}", operand.name, position.name),
            });
        }
    }
    bodies
}

/// Every third body that a test can return is a test; of the others, every
/// seventh is a program's `main`, and one in eleven that can be is written by
/// a macro.
fn shape_of(index: usize, output: &str, can_be_generated: bool) -> Shape {
    if matches!(output, "()" | "Result<(), String>") && index % 3 == 0 {
        Shape::Test
    } else if index % 7 == 3 {
        Shape::Main
    } else if can_be_generated && index % 11 == 5 {
        Shape::Generated
    } else {
        Shape::Helper
    }
}

/// Whether a hole starts a statement or a block's tail, where a block-like
/// operand would end the expression.
fn starts_a_statement(code: &str) -> bool {
    ["%A%", "%O%"].iter().any(|hole| {
        code.match_indices(hole).any(|(index, _)| {
            let before = code[..index].trim_end_matches(' ');
            before.is_empty() || before.ends_with(['\n', '{', ';', ']']) || before.ends_with("=>")
        })
    })
}

/// Where the next hole, `%A%` or `%O%`, is (`%` alone is an operator).
fn next_hole(code: &str) -> Option<usize> {
    ["%A%", "%O%"]
        .iter()
        .filter_map(|hole| code.find(hole))
        .min()
}

/// `text` for the `hole`th hole of `position`.
fn fill_placeholders(text: &str, position: &Position, hole: usize) -> String {
    text.replace("%V%", position.value)
        .replace("%T%", position.ty)
        .replace("%N%", &hole.to_string())
}

/// The position's code with its holes filled, after the operands' setup;
/// with `fixed`, each operand is that text instead.
fn fill(position: &Position, operand: &Operand, fixed: Option<&str>) -> String {
    let mut setup = String::new();
    let mut code = String::new();
    let mut rest = position.code;
    let mut hole = 0;
    while let Some(index) = next_hole(rest) {
        let awaited = &rest[index..index + 3] == "%A%";
        code.push_str(&rest[..index]);
        if !operand.setup.is_empty() {
            setup.push_str(&fill_placeholders(operand.setup, position, hole));
            setup.push('\n');
        }
        match fixed {
            Some(text) => code.push_str(text),
            None => code.push_str(&fill_placeholders(operand.expr, position, hole)),
        }
        if awaited {
            code.push_str(".await");
        }
        rest = &rest[index + 3..];
        hole += 1;
    }
    code.push_str(rest);
    setup + &code
}

/// The grammar's own sanity checks, run before anything is compiled.
pub fn check_grammar() -> Result<(), String> {
    let mut names = std::collections::HashSet::new();
    for position in positions() {
        if !names.insert(position.name) {
            return Err(format!("two positions are named `{}`", position.name));
        }
        if !position.code.contains("%A%") && !position.code.contains("%O%") {
            return Err(format!("position `{}` has no hole", position.name));
        }
    }
    let positions = names.clone();
    names.clear();
    for operand in OPERANDS {
        if !names.insert(operand.name) {
            return Err(format!("two operands are named `{}`", operand.name));
        }
    }
    for (operand, position) in PAIRS {
        if !names.contains(operand) || !positions.contains(position) {
            return Err(format!("no such pair: `{operand}` × `{position}`"));
        }
    }
    Ok(())
}
