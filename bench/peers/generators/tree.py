"""Steady-state driver for workload 2 (tree): the traversal only; the tree is built once."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from harness import run

class Node:
    __slots__ = ("left", "value", "right")
    def __init__(self, left, value, right):
        self.left, self.value, self.right = left, value, right

def build(lo, hi):
    if lo > hi:
        return None
    mid = (lo + hi) // 2
    return Node(build(lo, mid - 1), mid, build(mid + 1, hi))

def inorder(node):
    if node.left is not None:
        yield from inorder(node.left)
    yield node.value
    if node.right is not None:
        yield from inorder(node.right)

ROOT = []

def main(depth):
    if not ROOT:
        ROOT.append(build(0, 2 ** (depth + 1) - 2))
    return sum(inorder(ROOT[0]))

run(main, 20)
