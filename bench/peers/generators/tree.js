'use strict';
// Steady-state driver for workload 2 (tree): the traversal only; the tree is built once.
class Node { constructor(l, v, r) { this.left = l; this.value = v; this.right = r; } }
function build(lo, hi) { if (lo > hi) return null; const mid = Math.floor((lo + hi) / 2); return new Node(build(lo, mid - 1), mid, build(mid + 1, hi)); }
function* inorder(node) {
  if (node.left !== null) yield* inorder(node.left);
  yield node.value;
  if (node.right !== null) yield* inorder(node.right);
}
let root = null;
require('../harness.js')((depth) => {
  if (root === null) root = build(0, 2 ** (depth + 1) - 2);
  let t = 0; for (const v of inorder(root)) t += v; return t;
}, 20);
