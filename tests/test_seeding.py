"""Seeds that seed: every model a notebook trains is built after its seed is set.

Keras 3 draws a layer's initial weights when the layer is created, so a seed set after
that seeds the batches but not the weights: two seeds then share initial weights, and one
seed gives other weights each time its cell runs again (what notebook 11 did when it
passed layers built in a call's arguments to a function that set the seed inside). Two
rules, read from the notebooks' code:

- no layer is built in the arguments of a function that sets the seed (pass a function
  that builds it: ``lambda: keras.layers.GRU(32)``);
- in a cell that trains, every layer built at the cell's top level comes after a seed set
  in that same cell, so that running the cell again builds the same weights.
"""

from __future__ import annotations

import ast
import json

import pytest

from utils import course

SEEDERS = {"set_random_seed", "set_seed"}
NO_WEIGHTS = {"keras.layers.Input", "keras.Input", "keras.Model"}   # create no new weights
NOTEBOOKS = course.notebooks()


def dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def builds_weights(call: ast.Call) -> bool:
    name = dotted(call.func)
    return (name.startswith("keras.layers.") or name == "keras.Sequential") and (
        name not in NO_WEIGHTS)


def calls(node: ast.AST):
    """The calls in ``node``, not inside the functions and lambdas it defines."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n is not node and isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(n, ast.Call):
            yield n
        stack.extend(ast.iter_child_nodes(n))


def sets_seed(node: ast.AST) -> bool:
    return any(dotted(c.func).split(".")[-1] in SEEDERS for c in calls(node))


def code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            lines = [line for line in source.splitlines()
                     if not line.lstrip().startswith(("%", "!"))]
            yield i, ast.parse("\n".join(lines))


def unseeded_builds(path) -> list[str]:
    cells = list(code_cells(path))
    functions = [f for _, tree in cells for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)]
    seeding = {f.name for f in functions if sets_seed(ast.Module(body=f.body, type_ignores=[]))}
    # functions that build a model without setting the seed (factories), and the ones they call
    builders: set[str] = set()
    for _ in range(3):
        builders |= {f.name for f in functions if f.name not in seeding and any(
            builds_weights(c) or dotted(c.func) in builders
            for c in calls(ast.Module(body=f.body, type_ignores=[])))}

    def builds(node):
        return any(builds_weights(c) or dotted(c.func) in builders for c in calls(node))

    found = []
    for i, tree in cells:
        for call in calls(tree):
            if dotted(call.func).split(".")[-1] not in seeding:
                continue
            for arg in [*call.args, *(k.value for k in call.keywords)]:
                if not isinstance(arg, ast.Lambda) and builds(arg):
                    found.append(f"cell {i}, line {call.lineno}: a layer built in the arguments "
                                 f"of {dotted(call.func)}, which sets the seed itself")
        trains = any(dotted(c.func).endswith(".fit") or dotted(c.func).split(".")[-1] in seeding
                     for c in calls(tree))
        seeded = False
        for statement in tree.body if trains else []:
            if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
                continue
            seeded = seeded or sets_seed(statement)
            if not seeded and builds(statement):
                found.append(f"cell {i}, line {statement.lineno}: a model built before the "
                             "cell sets the seed")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_trained_model_is_built_after_its_seed(path):
    assert unseeded_builds(path) == []


def test_the_rules_catch_a_layer_built_before_the_seed(tmp_path):
    def notebook(*sources):
        path = tmp_path / "nb.ipynb"
        path.write_text(json.dumps({"cells": [
            {"cell_type": "code", "source": source} for source in sources]}))
        return path

    helper = ("def fit(name, *layers):\n    keras.utils.set_random_seed(1)\n"
              "    return keras.Sequential(list(layers))\n")
    late = notebook(helper, "fit('gru', keras.layers.GRU(32))")           # notebook 11's error
    assert "in the arguments of fit" in unseeded_builds(late)[0]
    assert unseeded_builds(notebook(helper, "fit('gru', lambda: keras.layers.GRU(32))")) == []
    before = notebook("m = keras.Sequential([keras.layers.Dense(1)])\n"
                      "keras.utils.set_random_seed(1)\nm.fit(x, y)")
    assert "before the cell sets the seed" in unseeded_builds(before)[0]
    factory = notebook("def make():\n    return keras.Sequential([keras.layers.Dense(1)])\n",
                       "m = make()\nkeras.utils.set_random_seed(1)\nm.fit(x, y)")
    assert "before the cell sets the seed" in unseeded_builds(factory)[0]
    after = notebook("keras.utils.set_random_seed(1)\n"
                     "m = keras.Sequential([keras.layers.Dense(1)])\nm.fit(x, y)")
    assert unseeded_builds(after) == []
