//! Function types from WebAssembly modules. They never reach the IR (a buffer cannot hold a
//! function), but a module's type section is only valid if its function types follow the GC
//! rules too: references only to earlier types or the same rec group, a declared supertype
//! that is an earlier, non-final function type, parameters contravariant and results covariant.

use codespan_reporting::diagnostic::Label;
use wxl_syntax::ast::{self, Finality, TypeDefKind, TypeExpr};
use wxl_syntax::Span;

use super::{Lowerer, Symbol};
use crate::codes;

pub(crate) struct PendingFunc {
    pub name: String,
    pub package: Option<String>,
    pub group: usize,
    pub finality: Finality,
    pub span: Span,
    pub supertype: Option<ast::Path>,
    pub params: Vec<TypeExpr>,
    pub results: Vec<TypeExpr>,
}

impl PendingFunc {
    pub fn new(def: &ast::TypeDef, package: &Option<String>, group: usize) -> Self {
        let (finality, supertype, params, results) = match &def.kind {
            TypeDefKind::Func { finality, supertype, params, results } => {
                (*finality, supertype.clone(), params.clone(), results.clone())
            }
            _ => (Finality::Final, None, Vec::new(), Vec::new()),
        };
        PendingFunc {
            name: def.name.name.clone(),
            package: package.clone(),
            group,
            finality,
            span: def.span,
            supertype,
            params,
            results,
        }
    }
}

/// A parameter or result type, resolved just enough to compare.
#[derive(Clone, Debug, PartialEq)]
enum ValueType {
    Number(String),
    Ref { nullable: bool, heap: Heap },
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
enum Heap {
    Abstract(String),
    Type(u32),
    Func(u32),
}

impl Lowerer<'_> {
    pub(crate) fn check_funcs(&mut self) {
        for index in 0..self.funcs.len() {
            let params = self.resolve_values(index, &self.funcs[index].params.clone());
            let results = self.resolve_values(index, &self.funcs[index].results.clone());
            if let Some(path) = self.funcs[index].supertype.clone() {
                self.check_func_supertype(index, &path, &params, &results);
            }
        }
    }

    fn resolve_values(&mut self, func: usize, exprs: &[TypeExpr]) -> Vec<ValueType> {
        exprs.iter().map(|e| self.resolve_value(func, e)).collect()
    }

    fn resolve_value(&mut self, func: usize, expr: &TypeExpr) -> ValueType {
        let (nullable, path) = match expr {
            TypeExpr::Named(path) => match path.joined().as_str() {
                name @ ("i32" | "i64" | "f32" | "f64" | "v128") => return ValueType::Number(name.into()),
                name => match name.strip_suffix("ref") {
                    Some(heap) => return ValueType::Ref { nullable: true, heap: Heap::Abstract(heap.into()) },
                    None => (false, path),
                },
            },
            TypeExpr::Ref { nullable, heap, .. } => (*nullable, heap),
            TypeExpr::Array { .. } => return ValueType::Unknown,
        };
        const ABSTRACT: &[&str] = &[
            "any", "eq", "i31", "struct", "array", "none", "func", "nofunc", "extern", "noextern", "exn", "noexn",
        ];
        if ABSTRACT.contains(&path.joined().as_str()) {
            return ValueType::Ref { nullable, heap: Heap::Abstract(path.joined()) };
        }
        let package = self.funcs[func].package.clone();
        let heap = match self.lookup(&package, path) {
            Some(Symbol::Type(t)) => Heap::Type(t),
            Some(Symbol::Func(f)) => Heap::Func(f),
            _ => return ValueType::Unknown,
        };
        self.check_func_order(func, &heap, path.span);
        ValueType::Ref { nullable, heap }
    }

    fn check_func_order(&mut self, func: usize, heap: &Heap, span: Span) {
        let target_group = match heap {
            Heap::Type(t) => self.types[*t as usize].group,
            Heap::Func(f) => self.funcs[*f as usize].group,
            Heap::Abstract(_) => return,
        };
        if target_group > self.funcs[func].group {
            let message = "this type is defined later, outside the function type's rec group".to_string();
            self.error(codes::FORWARD_REFERENCE, message, span)
                .notes
                .push("move it earlier, or put both types in one `rec` group".into());
        }
    }

    fn check_func_supertype(&mut self, index: usize, path: &ast::Path, params: &[ValueType], results: &[ValueType]) {
        let package = self.funcs[index].package.clone();
        let Some(found) = self.lookup(&package, path) else { return };
        let Symbol::Func(sup) = found else {
            let message = format!("a function type cannot be a subtype of `{}`, which is not a function type", path.joined());
            self.error(codes::SUPERTYPE_KIND, message, path.span);
            return;
        };
        let sup = sup as usize;
        let super_span = self.funcs[sup].span;
        if !self.symbol_before(Symbol::Func(sup as u32), Symbol::Func(index as u32)) {
            let message = format!("the supertype `{}` must be defined before its subtype", path.joined());
            self.error(codes::SUPERTYPE_ORDER, message, path.span);
            return;
        }
        if self.funcs[sup].finality == Finality::Final {
            let message = format!("`{}` is final: it cannot have subtypes", path.joined());
            self.error(codes::SUPERTYPE_FINAL, message, path.span)
                .labels
                .push(Label::secondary(super_span.file, super_span.range()).with_message("final here"));
            return;
        }
        let super_params = self.resolve_values(sup, &self.funcs[sup].params.clone());
        let super_results = self.resolve_values(sup, &self.funcs[sup].results.clone());
        // Parameters are contravariant, results covariant.
        let params_ok = super_params.len() == params.len()
            && super_params.iter().zip(params).all(|(s, p)| self.value_matches(s, p));
        let results_ok = super_results.len() == results.len()
            && results.iter().zip(&super_results).all(|(r, s)| self.value_matches(r, s));
        if !params_ok || !results_ok {
            let span = self.funcs[index].span;
            let message = format!("function type `{}` does not match its supertype `{}`", self.funcs[index].name, path.joined());
            self.error(codes::SUBTYPE_FIELD_TYPE, message, span)
                .notes
                .push("parameters are contravariant and results covariant, with equal counts".into());
        }
    }

    fn value_matches(&self, a: &ValueType, b: &ValueType) -> bool {
        match (a, b) {
            (ValueType::Number(x), ValueType::Number(y)) => x == y,
            (ValueType::Ref { nullable: n1, heap: h1 }, ValueType::Ref { nullable: n2, heap: h2 }) => {
                (!n1 || *n2) && self.heap_matches(h1, h2)
            }
            (ValueType::Unknown, _) | (_, ValueType::Unknown) => true, // reported elsewhere
            _ => false,
        }
    }

    fn heap_matches(&self, a: &Heap, b: &Heap) -> bool {
        if a == b {
            return true;
        }
        let top = |h: &Heap| -> &'static str {
            match h {
                Heap::Func(_) => "func",
                Heap::Type(_) => "any",
                Heap::Abstract(name) => match name.as_str() {
                    "func" | "nofunc" => "func",
                    "extern" | "noextern" => "extern",
                    "exn" | "noexn" => "exn",
                    _ => "any",
                },
            }
        };
        if top(a) != top(b) {
            return false;
        }
        match (a, b) {
            (Heap::Abstract(bottom), _) if matches!(bottom.as_str(), "none" | "nofunc" | "noextern" | "noexn") => true,
            (_, Heap::Abstract(name)) if matches!(name.as_str(), "any" | "func" | "extern" | "exn") => true,
            (Heap::Func(x), Heap::Func(y)) => self.func_chain_reaches(*x as usize, *y as usize),
            (Heap::Type(x), Heap::Type(y)) => self.type_chain_reaches(*x, *y),
            // Struct and array types against abstract ones are the IR's business; accept
            // here what the IR's rules would (eq, struct, array).
            (Heap::Type(_), Heap::Abstract(name)) => matches!(name.as_str(), "eq" | "struct" | "array"),
            _ => false,
        }
    }

    fn type_chain_reaches(&self, from: u32, target: u32) -> bool {
        let mut current = Some(from);
        for _ in 0..=self.types.len() {
            match current {
                Some(t) if t == target => return true,
                Some(t) => current = self.types[t as usize].supertype.map(|s| s.0),
                None => return false,
            }
        }
        false
    }

    fn func_chain_reaches(&self, from: usize, target: usize) -> bool {
        let mut current = from;
        for _ in 0..=self.funcs.len() {
            if current == target {
                return true;
            }
            let Some(path) = &self.funcs[current].supertype else { return false };
            let key = (self.funcs[current].package.clone(), path.joined());
            match self.symbols.get(&key) {
                Some((Symbol::Func(next), _)) => current = *next as usize,
                _ => return false,
            }
        }
        false
    }
}
