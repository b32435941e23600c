//! A span-only reader for the WebAssembly text format.
//!
//! `wast` tells us *what* a module says but keeps only start offsets, and none at all for struct
//! fields. This reader splits the same text into parenthesised lists, atoms and strings with
//! their byte ranges, so the front end can give every piece of the tree a real span. It never
//! fails: on text that `wast` rejected it still returns some tree, and every lookup is optional.

use std::collections::HashMap;

/// Index of a node in [`Tree::nodes`].
pub(crate) type NodeId = usize;

#[derive(Debug)]
pub(crate) enum Kind {
    /// `( ... )`, with its children in order.
    List(Vec<NodeId>),
    /// A keyword, identifier (`$x`, `$"x"`), number or reserved token.
    Atom,
    /// A string literal, quotes included.
    Str,
}

#[derive(Debug)]
pub(crate) struct Node {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

pub(crate) struct Tree<'a> {
    text: &'a str,
    nodes: Vec<Node>,
    /// Start offset of an atom that opens a list -> that list.
    by_head: HashMap<usize, NodeId>,
    /// Start offset of an atom or string -> its end offset.
    token_end: HashMap<usize, usize>,
}

const ROOT: NodeId = 0;

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// The end of the string literal that starts at `i` (which holds `"`).
fn skip_string(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

impl<'a> Tree<'a> {
    pub fn new(text: &'a str) -> Tree<'a> {
        let b = text.as_bytes();
        let n = b.len();
        let mut tree = Tree {
            text,
            nodes: vec![Node {
                start: 0,
                end: n,
                kind: Kind::List(Vec::new()),
            }],
            by_head: HashMap::new(),
            token_end: HashMap::new(),
        };
        let mut stack: Vec<NodeId> = vec![ROOT];
        let mut i = 0;
        while i < n {
            let c = b[i];
            let next = b.get(i + 1).copied();
            if is_space(c) {
                i += 1;
            } else if c == b';' && next == Some(b';') {
                while i < n && b[i] != b'\n' {
                    i += 1;
                }
            } else if c == b'(' && next == Some(b';') {
                let mut depth = 1usize;
                i += 2;
                while i < n && depth > 0 {
                    if b[i] == b'(' && b.get(i + 1) == Some(&b';') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b';' && b.get(i + 1) == Some(&b')') {
                        depth -= 1;
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
            } else if c == b'(' {
                let id = tree.push(&stack, i, n, Kind::List(Vec::new()));
                stack.push(id);
                i += 1;
            } else if c == b')' {
                if stack.len() > 1 {
                    if let Some(id) = stack.pop() {
                        tree.nodes[id].end = i + 1;
                    }
                }
                i += 1;
            } else if c == b'"' {
                let j = skip_string(b, i).min(n);
                tree.push(&stack, i, j, Kind::Str);
                i = j;
            } else {
                let mut j = i;
                while j < n {
                    let d = b[j];
                    if is_space(d) || d == b'(' || d == b')' || d == b';' {
                        break;
                    }
                    if d == b'"' {
                        j = skip_string(b, j).min(n);
                    } else {
                        j += 1;
                    }
                }
                if j == i {
                    j = i + 1; // a lone `;`
                }
                tree.push(&stack, i, j, Kind::Atom);
                i = j;
            }
        }
        tree
    }

    fn push(&mut self, stack: &[NodeId], start: usize, end: usize, kind: Kind) -> NodeId {
        let id = self.nodes.len();
        let is_token = !matches!(kind, Kind::List(_));
        let is_atom = matches!(kind, Kind::Atom);
        self.nodes.push(Node { start, end, kind });
        let parent = stack.last().copied().unwrap_or(ROOT);
        if is_token {
            self.token_end.insert(start, end);
        }
        if let Kind::List(children) = &mut self.nodes[parent].kind {
            if children.is_empty() && parent != ROOT && is_atom {
                self.by_head.insert(start, parent);
            }
            children.push(id);
        }
        id
    }

    /// No tokens at all (only whitespace and comments).
    pub fn is_empty(&self) -> bool {
        self.children(ROOT).is_empty()
    }

    pub fn range(&self, id: NodeId) -> (usize, usize) {
        self.nodes.get(id).map_or((0, 0), |n| (n.start, n.end))
    }

    pub fn children(&self, id: NodeId) -> &[NodeId] {
        match self.nodes.get(id).map(|n| &n.kind) {
            Some(Kind::List(children)) => children,
            _ => &[],
        }
    }

    pub fn is_list(&self, id: NodeId) -> bool {
        matches!(self.nodes.get(id).map(|n| &n.kind), Some(Kind::List(_)))
    }

    pub fn is_str(&self, id: NodeId) -> bool {
        matches!(self.nodes.get(id).map(|n| &n.kind), Some(Kind::Str))
    }

    /// The source text of a node.
    pub fn text(&self, id: NodeId) -> &'a str {
        let (start, end) = self.range(id);
        self.text.get(start..end).unwrap_or("")
    }

    /// The keyword that opens a list (`struct` for `(struct ...)`), if it opens with an atom.
    pub fn head(&self, id: NodeId) -> Option<&'a str> {
        let first = *self.children(id).first()?;
        match self.nodes.get(first)?.kind {
            Kind::Atom => Some(self.text(first)),
            _ => None,
        }
    }

    /// The list whose opening keyword starts at `offset` (`wast` spans point at that keyword).
    pub fn list_with_head_at(&self, offset: usize) -> Option<NodeId> {
        self.by_head.get(&offset).copied()
    }

    /// The end of the token that starts at `offset`; for an unknown offset, one character on
    /// (or nothing at the end of the text).
    pub fn token_end(&self, offset: usize) -> usize {
        if let Some(&end) = self.token_end.get(&offset) {
            return end;
        }
        let len = self.text.len();
        if offset >= len {
            return len.max(offset);
        }
        let mut end = offset + 1;
        while end < len && !self.text.is_char_boundary(end) {
            end += 1;
        }
        end
    }

    /// Depth-first search below `id` (not `id` itself) for the first list opened by one of
    /// `heads`; lists opened by an annotation (`(@...)`) are not entered.
    pub fn find_list(&self, id: NodeId, heads: &[&str]) -> Option<NodeId> {
        let mut todo: Vec<NodeId> = self.children(id).iter().rev().copied().collect();
        while let Some(node) = todo.pop() {
            if !self.is_list(node) {
                continue;
            }
            match self.head(node) {
                Some(h) if heads.contains(&h) => return Some(node),
                Some(h) if h.starts_with('@') => continue,
                _ => todo.extend(self.children(node).iter().rev().copied()),
            }
        }
        None
    }

    /// Whether `id` is an annotation list, `(@name ...)` and the like.
    pub fn is_annotation(&self, id: NodeId) -> bool {
        self.is_list(id) && self.head(id).is_some_and(|h| h.starts_with('@'))
    }

    /// The string of a `(@name "...")` annotation among the children of `id`.
    pub fn name_annotation(&self, id: NodeId) -> Option<NodeId> {
        self.children(id)
            .iter()
            .copied()
            .find(|&c| self.is_list(c) && self.head(c) == Some("@name"))
            .and_then(|c| self.children(c).get(1).copied())
            .filter(|&s| self.is_str(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_atoms_strings_and_comments() {
        let text = r#"(module ;; comment
  (; block (; nested ;) ;)
  (type $t (struct (field $"a b" i32)))
  (@name "x\"y")
)"#;
        let tree = Tree::new(text);
        let module = tree.children(ROOT)[0];
        assert_eq!(tree.head(module), Some("module"));
        let kids = tree.children(module);
        assert_eq!(kids.len(), 3);
        assert_eq!(
            tree.text(kids[1]),
            "(type $t (struct (field $\"a b\" i32)))"
        );
        let field = tree.find_list(kids[1], &["field"]).unwrap();
        assert_eq!(tree.text(tree.children(field)[1]), "$\"a b\"");
        assert!(tree.is_annotation(kids[2]));
        assert_eq!(tree.text(tree.children(kids[2])[1]), "\"x\\\"y\"");
        let type_kw = text.find("type").unwrap();
        assert_eq!(tree.list_with_head_at(type_kw), Some(kids[1]));
        assert_eq!(tree.token_end(type_kw), type_kw + 4);
    }

    #[test]
    fn unbalanced_text_does_not_panic() {
        for text in [
            "(((",
            ")))",
            "(a \"unterminated",
            "(; open",
            ";",
            "(a;b)",
            "é(",
            "\"\\",
        ] {
            let tree = Tree::new(text);
            for offset in 0..text.len() + 2 {
                let _ = tree.token_end(offset);
                let _ = tree.list_with_head_at(offset);
            }
        }
        assert!(Tree::new("  ;; only a comment\n (; and this ;)").is_empty());
    }
}
