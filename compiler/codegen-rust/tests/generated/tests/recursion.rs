//! `recursion.wxl`: arrays of themselves and in cycles (owned as newtypes), and a struct no
//! buffer can hold (no owned form; its arrays are always empty, its nullable references null).

use std::rc::Rc;

use wxl_codegen_rust_tests::recursion as r;
use wxl_runtime::Builder;

fn forest() -> Vec<u8> {
    let mut b = Builder::new();
    let leaf = r::Tree::build(&mut b, &[]);
    let node = r::Tree::build(&mut b, &[Some(leaf), None, Some(leaf)]);
    let tree = r::Tree::build(&mut b, &[Some(node), Some(leaf)]);
    let pong = r::Pong::build(&mut b, &[None]);
    let ping = r::Ping::build(&mut b, &[pong, pong]);
    let loops = r::ArrayOfLoop::build(&mut b, &[]);
    let label = b.string("oak");
    let leaves = r::ArrayOfLeaf::build(&mut b, &[r::LeafArgs { label, weight: 1.5 }]);
    let root = r::ForestArgs { tree, ping: Some(ping), loops, maybe_loop: None, leaves, count: 3 }.build(&mut b);
    r::finish(&mut b, root).to_vec()
}

#[test]
fn arrays_of_themselves_read_and_round_trip() {
    let buf = forest();
    let forest = r::root(&buf).expect("verifies");
    let tree = forest.tree();
    assert_eq!(tree.len(), 2);
    let node = tree.get(0).flatten().expect("node");
    assert_eq!(node.iter().map(|t| t.map(|t| t.len())).collect::<Vec<_>>(), [Some(0), None, Some(0)]);
    assert_eq!(forest.ping().map(|p| p.len()), Some(2));

    let owned = r::ForestT::unpack(forest);
    let r::TreeT(children) = &owned.tree;
    let Some(r::TreeT(node)) = &children[0] else { panic!("a node") };
    let (Some(first), Some(last)) = (&node[0], &node[2]) else { panic!("leaves") };
    assert!(Rc::ptr_eq(&first.0, &last.0), "the shared leaf stays shared");
    assert_eq!(owned.loops.len(), 0);
    assert_eq!(owned.maybe_loop, None);
    assert_eq!(&*owned.leaves[0].label, "oak");

    let mut builder = Builder::new();
    let root = owned.pack(&mut builder);
    assert_eq!(r::finish(&mut builder, root), &buf[..], "the same objects, in the same order");
}
