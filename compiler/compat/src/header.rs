//! The buffer header (LAYOUT §3): the identifier at offset 8 and the root reference's type.

use wxl_ir::{HeapType, Schema};
use wxl_syntax::Span;

use crate::anchors::Anchors;
use crate::context::Ctx;
use crate::finding::Breaks;
use crate::rules::Rule;

/// The `root` statement, else the root type's definition.
fn root_span(schema: &Schema, anchors: &Anchors) -> Option<Span> {
    anchors.root.or_else(|| schema.root.map(|r| schema.ty(r).origin.span))
}

fn identifier_text(identifier: Option<[u8; 4]>) -> String {
    identifier.map_or("none".into(), |bytes| format!("\"{}\"", String::from_utf8_lossy(&bytes)))
}

impl Ctx<'_> {
    pub fn compare_header(&mut self) {
        self.compare_root();
        self.compare_identifier();
    }

    fn compare_root(&mut self) {
        let (old_root, new_root) = (self.old.root, self.new.root);
        let name = |schema: &Schema, r: Option<wxl_ir::TypeIndex>| r.map_or("none".into(), |r| format!("`{}`", schema.ty(r).name));
        let (old_name, new_name) = (name(self.old, old_root), name(self.new, new_root));
        let (breaks, why) = match (old_root, new_root) {
            (None, None) => return,
            (Some(a), Some(b)) => {
                let (a, b) = (HeapType::Concrete(a), HeapType::Concrete(b));
                if self.same_heap(a, b) {
                    return;
                }
                // The root reference is checked like an immutable `ref Root` field.
                let breaks = self.heap_breaks(a, b);
                let why = match (breaks.backward, breaks.forward) {
                    (false, true) => "the new root is a supertype: new readers accept old buffers, old readers reject new roots of other types",
                    (true, false) => "the new root is a subtype: old readers accept new buffers, new readers reject old roots (`ROOT_INVALID`)",
                    (true, true) => "the roots are unrelated: each side rejects the other's buffers (`ROOT_INVALID`)",
                    (false, false) => "both accept the same roots",
                };
                (breaks, why)
            }
            (None, Some(_)) => (Breaks::BACKWARD, "new readers check the root's type (`ROOT_INVALID`); old buffers may have any root"),
            (Some(_), None) => (Breaks::FORWARD, "new writers may write any root, which old readers reject (`ROOT_INVALID`)"),
        };
        let message = format!("root type changed from {old_name} to {new_name}: {why}");
        let (old_span, new_span) = (root_span(self.old, self.old_anchors), root_span(self.new, self.new_anchors));
        let finding = self.report(Rule::RootTypeChanged, breaks, message);
        if let Some(span) = old_span {
            finding.old(span, format!("root {old_name}"));
        }
        if let Some(span) = new_span {
            finding.new_side(span, format!("root {new_name}"));
        }
    }

    fn compare_identifier(&mut self) {
        let (a, b) = (self.old.identifier, self.new.identifier);
        if a == b {
            return;
        }
        // Readers that ask for an identifier reject any other (`WRONG_IDENTIFIER`); a schema
        // without one writes four zero bytes.
        let breaks = match (a, b) {
            (None, Some(_)) => Breaks::BACKWARD,
            (Some(_), None) => Breaks::FORWARD,
            _ => Breaks::FULL,
        };
        let (old_text, new_text) = (identifier_text(a), identifier_text(b));
        let message = format!(
            "identifier changed from {old_text} to {new_text}: readers that check it reject the other side's buffers (`WRONG_IDENTIFIER`)"
        );
        let (old_span, new_span) = (self.old_anchors.identifier, self.new_anchors.identifier);
        let finding = self.report(Rule::IdentifierChanged, breaks, message);
        if let Some(span) = old_span {
            finding.old(span, format!("identifier {old_text}"));
        }
        if let Some(span) = new_span {
            finding.new_side(span, format!("identifier {new_text}"));
        }
    }
}
