//! Random schemas that usually pass the checks, as a function of a seed. Shared by
//! `tests/any_schema.rs` (many seeds, parsed) and the generated-code test crate's build script
//! (a few seeds, compiled and linted).

const FIELD_TYPES: &[&str] = &[
    "i32", "u8", "i8 = -3", "bool = true", "f64 = 2.5", "f32", "v128", "u64", "string", "bytes", "ref null bytes",
    "ref null T0", "ref T1", "ref null T2", "ref null T3", "V0", "V1", "E0", "E1 = B", "O0", "[T0]", "[mut u16]",
    "[[f32]]", "[V1]", "[E0]", "[ref null string]", "anyref", "ref null struct", "ref i31", "eqref", "arrayref",
    "nullref",
];

const FIELD_NAMES: &[&str] = &["a", "b", "type", "kind", "next", "self", "Some", "userId", "as_t1", "x"];

/// Always declared, so fields may name them.
const PRELUDE: &str = "enum E0 : u8 { A = 1, B = 2 }
enum E1 : i8 { A = -1, B = 2 }
open enum O0 : i16 { X = -1, Y = 7 }
value struct V0 { x: f32, e: E0 }
value struct V1 { label: string, v: V0, any: anyref }
";

/// xorshift64: the schema is a function of the proptest seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `count` fields with distinct names.
fn fields(rng: &mut Rng, count: usize, taken: &mut Vec<&'static str>) -> Vec<String> {
    (0..count)
        .filter_map(|_| {
            let name = FIELD_NAMES[rng.below(FIELD_NAMES.len())];
            if taken.contains(&name) {
                return None;
            }
            taken.push(name);
            let mutable = if rng.below(4) == 0 { "mut " } else { "" };
            Some(format!("{mutable}{name}: {}", FIELD_TYPES[rng.below(FIELD_TYPES.len())]))
        })
        .collect()
}

/// A random schema that usually passes the checks: `T0`..`T3` in one rec group (so they may
/// refer to each other), each a struct (sometimes final, sometimes a subtype of an earlier
/// struct, repeating its fields) or an array.
pub fn random_schema(seed: u64) -> String {
    let mut rng = Rng(seed | 1);
    let mut out = String::from("//! A random schema.\n");
    if rng.below(2) == 0 {
        out.push_str("root T0;\nidentifier \"RAND\";\n");
    }
    out.push_str(PRELUDE);
    out.push_str("rec {\n");
    let mut structs: Vec<(usize, Vec<String>, Vec<&'static str>)> = Vec::new();
    for i in 0..4 {
        if rng.below(4) == 0 {
            let element = FIELD_TYPES[rng.below(FIELD_TYPES.len())].split(" =").next().unwrap_or("i32");
            out.push_str(&format!("    array T{i} = {element};\n"));
            continue;
        }
        let parent = if structs.is_empty() || rng.below(2) == 0 { None } else { Some(rng.below(structs.len())) };
        let (header, mut own, mut taken) = match parent {
            Some(p) => (format!(" : T{}", structs[p].0), structs[p].1.clone(), structs[p].2.clone()),
            None => (String::new(), Vec::new(), Vec::new()),
        };
        let count = rng.below(5);
        own.extend(fields(&mut rng, count, &mut taken));
        let is_final = rng.below(5) == 0;
        out.push_str(&format!("    /// Doc of T{i}.\n    {}struct T{i}{header} {{ {} }}\n", if is_final { "final " } else { "" }, own.join(", ")));
        if !is_final {
            structs.push((i, own, taken));
        }
    }
    out.push_str("}\n");
    out
}

