"""Static reader of Python test functions for claimcheck's tests.vacuous check.

Run through claimcheck's executor:

    python vacuous_tests.py INPUT.json

INPUT.json: {"root": "/abs/snapshot", "files": ["tests/test_a.py", ...]}

Prints one JSON object on stdout:
  tests:       [{file, line, name, verdict, detail, cases}] for every test function found, where
               verdict is "asserts" | "skips" | "benchmarks" | "none" | "tautology" | "swallowed" | "only-except" |
               "prints" and cases the test items its literal `parametrize` lists make (null: unknown)
  parseErrors: [{file, line, message}]

A test function is a module-level `test*` function, or a `test*` method of a `Test*` class or of a
class deriving from a `*TestCase`. It asserts when its body (outside nested functions) holds an
effective check: an `assert` of something that is not a constant truth, a call whose name starts
with `assert` or `fail` (`self.assertEqual`, `np.testing.assert_allclose`, `mock.assert_called_once`),
`pytest.raises`/`warns`/`deprecated_call`/`fail`, `self.assertRaises`, a `raise` statement, or a call
of a helper of the same module (a module-level function, or `self.x()` of the same class) that itself
holds one (one level deep). A check is not effective inside an `except` handler, nor inside the body of a
`try` whose handler catches AssertionError (or Exception, BaseException, a bare except) and can
neither raise nor assert again. A test that calls `pytest.skip`/`xfail` or a `self.skipTest` is "skips", and one that
takes pytest-benchmark's `benchmark` fixture is "benchmarks" (a timing, not a check): neither is vacuous.

Nothing is executed: every file is only parsed with `ast`. Compatible with Python 3.6+.
"""
import ast
import json
import sys

from ast_common import handler_catches, parsed_files, read_request

CATCH_ALL = {"AssertionError", "Exception", "BaseException"}
PYTEST_CHECKS = {"raises", "warns", "deprecated_call", "fail"}
SKIPS = {"skip", "xfail", "skipTest", "importorskip"}
TRUTH_ASSERTS = {"assertTrue", "assert_", "failUnless", "assertIsNotNone"}
EQUAL_ASSERTS = {"assertEqual", "assertEquals", "assertIs", "assertAlmostEqual"}


def call_name(node):
    """The last name of a call's function (`self.assertEqual` -> assertEqual), or None."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


if sys.version_info >= (3, 8):
    CONSTANTS = (ast.Constant,)
else:  # Python < 3.8
    CONSTANTS = (ast.Num, ast.Str, ast.Bytes, ast.NameConstant)

COMPARISONS = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
}


def is_constant(node):
    return isinstance(node, CONSTANTS)


def constant_value(node):
    for field in ("value", "n", "s"):
        if hasattr(node, field):
            return getattr(node, field)
    return None


def truthy_constant(node):
    """Whether `node` is a literal that is always true (`True`, `1`, `"x"`)."""
    return is_constant(node) and bool(constant_value(node))


def tautology(node):
    """Whether an `assert` test or an assert call can never fail."""
    if isinstance(node, ast.Assert):
        test = node.test
        if truthy_constant(test):
            return True
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            left, right = test.left, test.comparators[0]
            if is_constant(left) and is_constant(right):
                compare = COMPARISONS.get(type(test.ops[0]))
                try:
                    return compare is not None and \
                        bool(compare(constant_value(left), constant_value(right)))
                except TypeError:
                    return False
        return False
    if isinstance(node, ast.Call):
        name = call_name(node)
        args = node.args
        if name in TRUTH_ASSERTS and len(args) >= 1 and truthy_constant(args[0]):
            return True
        if name == "assertFalse" and len(args) >= 1 and is_constant(args[0]):
            return not constant_value(args[0])
        if name in EQUAL_ASSERTS and len(args) >= 2 and is_constant(args[0]) \
                and is_constant(args[1]):
            return constant_value(args[0]) == constant_value(args[1])
    return False


def reraises(handler):
    """Whether a handler can fail the test itself: a `raise`, an `assert` or an assert/fail call."""
    for node in ast.walk(handler):
        if isinstance(node, (ast.Raise, ast.Assert)):
            return True
        if isinstance(node, ast.Call):
            name = call_name(node) or ""
            if name.startswith("assert") or name.startswith("fail"):
                return True
    return False


class Walker(object):
    """Collects the checks of one function body with where they sit."""

    def __init__(self, helpers, methods):
        self.helpers = helpers
        self.methods = methods
        # (kind, context): kind "check" | "tautology" | "skip" | "print" | "helper:<name>" ...
        self.found = []

    def visit_body(self, body, context):
        for stmt in body:
            self.visit(stmt, context)

    def visit(self, node, context):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Lambda)) or \
                (hasattr(ast, "AsyncFunctionDef") and isinstance(node, ast.AsyncFunctionDef)):
            return
        if isinstance(node, ast.Try) or (hasattr(ast, "TryStar") and isinstance(node, ast.TryStar)):
            swallowing = any(handler_catches(h, CATCH_ALL) and not reraises(h) for h in node.handlers)
            self.visit_body(node.body, "swallowed" if swallowing else context)
            for handler in node.handlers:
                self.visit_body(handler.body, "except")
            self.visit_body(node.orelse, context)
            self.visit_body(node.finalbody, context)
            return
        if isinstance(node, ast.Assert):
            self.found.append(("tautology" if tautology(node) else "check", context))
        elif isinstance(node, ast.Raise):
            self.found.append(("check", context))
        elif isinstance(node, ast.Call):
            self.visit_call(node, context)
        for child in ast.iter_child_nodes(node):
            self.visit(child, context)

    def visit_call(self, node, context):
        name = call_name(node) or ""
        func = node.func
        owner = func.value.id if isinstance(func, ast.Attribute) and \
            isinstance(func.value, ast.Name) else None
        if name in SKIPS and (owner in ("pytest", "self", "unittest") or owner is None):
            self.found.append(("skip", context))
        elif owner == "pytest" and name in PYTEST_CHECKS:
            self.found.append(("check", context))
        elif owner is None and name in ("raises", "warns"):
            self.found.append(("check", context))
        elif name.startswith("assert") or name.startswith("fail") or name == "expect":
            self.found.append(("tautology" if tautology(node) else "check", context))
        elif name == "print" and owner is None:
            self.found.append(("print", context))
        elif owner is None and name in self.helpers:
            self.found.append(("helper:" + name, context))
        elif owner in ("self", "cls") and name in self.methods:
            self.found.append(("method:" + name, context))


def own_checks(body, helpers, methods):
    """Kinds found directly in a body (helpers not followed)."""
    walker = Walker(helpers, methods)
    walker.visit_body(body, "plain")
    return walker.found


def helper_asserts(function):
    found = own_checks(function.body, set(), set())
    return any(kind == "check" and context == "plain" for kind, context in found)


def judge(function, module_helpers, class_methods):
    if "benchmark" in [a.arg for a in function.args.args]:
        return "benchmarks", ""
    found = own_checks(function.body, set(module_helpers), set(class_methods))
    resolved = []
    for kind, context in found:
        if kind.startswith("helper:") or kind.startswith("method:"):
            name = kind.split(":", 1)[1]
            target = module_helpers.get(name) if kind.startswith("helper:") else \
                class_methods.get(name)
            if target is not None and helper_asserts(target):
                resolved.append(("check", context, name))
            continue
        resolved.append((kind, context, None))
    if any(kind == "check" and context == "plain" for kind, context, _ in resolved):
        return "asserts", ""
    if any(kind == "skip" for kind, _, _ in resolved):
        return "skips", ""
    if any(kind == "check" and context == "swallowed" for kind, context, _ in resolved):
        return "swallowed", "its assertions sit in a try whose except swallows the failure"
    if any(kind == "check" and context == "except" for kind, context, _ in resolved):
        return "only-except", "it asserts only inside an except handler"
    if any(kind == "tautology" for kind, _, _ in resolved):
        return "tautology", "its only assertion can never fail"
    if any(kind == "print" for kind, _, _ in resolved):
        return "prints", "it only prints"
    return "none", "it has no assertion"


def is_function(node):
    return isinstance(node, ast.FunctionDef) or \
        (hasattr(ast, "AsyncFunctionDef") and isinstance(node, ast.AsyncFunctionDef))


def base_names(cls):
    names = []
    for base in cls.bases:
        if isinstance(base, ast.Name):
            names.append(base.id)
        elif isinstance(base, ast.Attribute):
            names.append(base.attr)
    return names


def is_test_class(cls):
    return cls.name.startswith("Test") or any(b.endswith("TestCase") for b in base_names(cls))


def cases(function):
    """Test items a function yields: the product of its literal `parametrize` lists (None if unknown)."""
    total = 1
    for decorator in function.decorator_list:
        if not isinstance(decorator, ast.Call) or call_name(decorator) != "parametrize":
            continue
        values = decorator.args[1] if len(decorator.args) >= 2 else None
        if not isinstance(values, (ast.List, ast.Tuple)):
            return None
        total *= len(values.elts)
    return total


def scan(path, tree):
    helpers = dict((node.name, node) for node in tree.body if is_function(node))
    tests = []

    def add(function, qualname, methods):
        verdict, detail = judge(function, helpers, methods)
        tests.append({"file": path, "line": function.lineno, "name": qualname,
                      "verdict": verdict, "detail": detail, "cases": cases(function)})

    for node in tree.body:
        if is_function(node) and node.name.startswith("test"):
            add(node, node.name, {})
        elif isinstance(node, ast.ClassDef) and is_test_class(node):
            methods = dict((n.name, n) for n in node.body if is_function(n))
            for item in node.body:
                if is_function(item) and item.name.startswith("test"):
                    add(item, node.name + "." + item.name, methods)
    return tests


def main():
    trees, errors = parsed_files(read_request())
    tests = []
    for path, tree in trees:
        tests.extend(scan(path, tree))
    sys.stdout.write(json.dumps({"tests": tests, "parseErrors": errors}))


if __name__ == "__main__":
    main()
