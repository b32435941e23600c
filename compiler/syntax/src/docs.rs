//! `///` doc comments, kept aside from the token stream. Each block is keyed by the start of the
//! token it precedes, so the grammar attaches it to whatever node starts at that token.

use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Debug)]
pub(crate) struct DocBlock {
    pub lines: Vec<String>,
    /// From the first `///` to the end of the last.
    pub range: Range<usize>,
    /// Attached to a node, or swallowed by error recovery.
    pub used: bool,
}

#[derive(Debug, Default)]
pub(crate) struct DocTable {
    blocks: BTreeMap<usize, DocBlock>,
}

impl DocTable {
    pub(crate) fn insert(
        &mut self,
        next_token_start: usize,
        lines: Vec<String>,
        range: Range<usize>,
    ) {
        self.blocks.insert(next_token_start, DocBlock { lines, range, used: false });
    }

    /// The docs of the node starting at `start` (empty if there are none).
    pub(crate) fn take(&mut self, start: usize) -> Vec<String> {
        match self.blocks.get_mut(&start) {
            Some(block) => {
                block.used = true;
                block.lines.clone()
            }
            None => Vec::new(),
        }
    }

    /// Marks the docs of tokens in `range` as used: error recovery dropped their nodes, and a
    /// second complaint about the docs would be noise.
    pub(crate) fn discard(&mut self, range: Range<usize>) {
        if range.start >= range.end {
            return;
        }
        for block in self.blocks.range_mut(range).map(|(_, block)| block) {
            block.used = true;
        }
    }

    pub(crate) fn unused(&self) -> impl Iterator<Item = &DocBlock> {
        self.blocks.values().filter(|block| !block.used)
    }
}
