//! `SCHEMA`: the verifier tables of `wxl_ir::tables`, printed as `wxl_runtime::Schema`.
//!
//! They live in a private module that imports the runtime's table vocabulary, where no schema
//! name can collide with it, and are re-exported as one `static`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use wxl_ir::tables::{Check, HeapCheck, TypeTable};

use crate::model::Model;
use crate::names::{self, ident, Scope};

pub(crate) fn items(model: &Model) -> TokenStream {
    let tables = &model.tables;
    let identifier = identifier_tokens(tables.identifier);
    let root = match tables.root {
        Some(id) => {
            let id = unsuffixed(id.into());
            quote!(Some(#id))
        }
        None => quote!(None),
    };
    let mut scope = Scope::with_reserved(&["SCHEMA"]);
    let mut consts = Vec::new();
    let entries: Vec<TokenStream> = tables
        .types
        .iter()
        .map(|table| match table {
            Some(table) => {
                let name = ident(&scope.claim(&names::shouty_case(&model.ty(table.ty).view.to_string())));
                consts.push(type_info(model, table, &name));
                quote!(#name)
            }
            None => quote!(TypeInfo::UNUSED),
        })
        .collect();
    let identifier_doc = match model.schema.identifier {
        Some(id) => format!(" The schema's identifier, `{}`: bytes 8..12 of every buffer.", String::from_utf8_lossy(&id)),
        None => " The schema declares no identifier: bytes 8..12 of its buffers are zero.".to_string(),
    };
    let imports = imports(tables);
    quote! {
        #[doc = #identifier_doc]
        pub const IDENTIFIER: [u8; 4] = #identifier;

        /// The verifier's tables for this schema (type ids from 16, one entry each).
        pub static SCHEMA: wxl_runtime::Schema = schema_tables::SCHEMA;

        /// The tables behind [`SCHEMA`], computed by the wxl compiler.
        mod schema_tables {
            use wxl_runtime::schema::{#(#imports),*};

            pub(super) const SCHEMA: Schema = Schema {
                identifier: super::IDENTIFIER,
                root: #root,
                types: &[#(#entries),*],
            };

            #(#consts)*
        }
    }
}

/// The table vocabulary the tables use (an unused import would warn).
fn imports(tables: &wxl_ir::tables::SchemaTables) -> Vec<Ident> {
    let checks = || tables.types.iter().flatten().flat_map(|t| &t.checks);
    let used = [
        ("Check", checks().next().is_some()),
        ("Heap", checks().any(|c| matches!(c, Check::Ref { .. }))),
        ("Kind", tables.types.iter().any(Option::is_some)),
        ("Schema", true),
        ("TypeInfo", !tables.types.is_empty()),
    ];
    used.iter().filter(|(_, used)| *used).map(|(name, _)| ident(name)).collect()
}

fn unsuffixed(value: u64) -> TokenStream {
    let literal = Literal::u64_unsuffixed(value);
    quote!(#literal)
}

fn identifier_tokens(identifier: [u8; 4]) -> TokenStream {
    if identifier.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        let literal = proc_macro2::Literal::byte_string(&identifier);
        quote!(*#literal)
    } else {
        let bytes = identifier.iter().map(|&b| unsuffixed(b.into()));
        quote!([#(#bytes),*])
    }
}

fn type_info(model: &Model, table: &TypeTable, name: &Ident) -> TokenStream {
    let ty = model.schema.ty(table.ty);
    let note = format!(" Type id {}: {} `{}`.", table.type_id, ty.composite.kind_name(), ty.name);
    let kind = if table.is_array { quote!(Kind::Array) } else { quote!(Kind::Struct) };
    let body_align = unsuffixed(table.body_align.into());
    let size = unsuffixed(table.size.into());
    let checks = table.checks.iter().map(check);
    let ancestors = table.ancestors.iter().map(|&id| unsuffixed(id.into()));
    quote! {
        #[doc = #note]
        const #name: TypeInfo = TypeInfo {
            kind: #kind,
            body_align: #body_align,
            size: #size,
            checks: &[#(#checks),*],
            ancestors: &[#(#ancestors),*],
        };
    }
}

fn check(check: &Check) -> TokenStream {
    match check {
        Check::Bool { offset } => {
            let offset = unsuffixed((*offset).into());
            quote!(Check::Bool { offset: #offset })
        }
        Check::Enum { offset, width, values } => {
            let offset = unsuffixed((*offset).into());
            let width = unsuffixed((*width).into());
            let values = values.iter().map(|&v| unsuffixed(v));
            quote!(Check::Enum { offset: #offset, width: #width, values: &[#(#values),*] })
        }
        Check::Ref { offset, nullable, heap } => {
            let offset = unsuffixed((*offset).into());
            let heap = heap_tokens(*heap);
            quote!(Check::Ref { offset: #offset, nullable: #nullable, heap: #heap })
        }
    }
}

fn heap_tokens(heap: HeapCheck) -> TokenStream {
    match heap {
        HeapCheck::Type(id) => {
            let id = unsuffixed(id.into());
            quote!(Heap::Type(#id))
        }
        HeapCheck::String => quote!(Heap::String),
        HeapCheck::Bytes => quote!(Heap::Bytes),
        HeapCheck::Struct => quote!(Heap::Struct),
        HeapCheck::Array => quote!(Heap::Array),
        HeapCheck::Any => quote!(Heap::Any),
        HeapCheck::I31 => quote!(Heap::I31),
        HeapCheck::None => quote!(Heap::None),
    }
}
