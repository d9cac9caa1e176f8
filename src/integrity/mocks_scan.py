"""Static search for stand-ins the shipped code uses at runtime, for claimcheck's code.mocks check.

Run through claimcheck's executor:

    python mocks_scan.py INPUT.json

INPUT.json: {"root": "/abs/snapshot", "files": ["src/pkg/a.py", ...]}   (shipped code only)

Prints one JSON object on stdout:
  hits:        [{file, line, kind, target, replaces}] where kind is
               "fallback"    a stand-in imported or assigned in an `except ImportError` handler
                             (replaces: the top-level names the `try` body imports),
               "sys.modules" a stand-in put into `sys.modules["x"]` (replaces: ["x"]); a module
                             object that is not named as a stand-in is an alias, not a finding,
               "import"      a mock module, a Mock*/Fake*/Dummy*/Stub* class or unittest.mock
                             imported unconditionally by shipped code;
               target is the module or name imported.
  parseErrors: [{file, line, message}]

A stand-in is a module named mock_*/fake_*/stub_*/dummy_*/*_mock/*_fake/*_stub/mock(s)/fake(s)/stub(s),
a name starting with Mock/Fake/Dummy/Stub, or unittest.mock's Mock/MagicMock. Nothing is executed.
Compatible with Python 3.6+.
"""
import ast
import json
import re
import sys

from ast_common import handler_catches, parsed_files, read_request

MOCK_MODULE = re.compile(r"^(mock|fake|stub|dummy)_\w+$|^\w+_(mock|fake|stub)s?$|^(mock|fake|stub)s?$")
MOCK_NAME = re.compile(r"^(Mock|Fake|Dummy|Stub)[A-Z_]\w*$|^(Mock|MagicMock|NonCallableMock)$")
INDEX = getattr(ast, "Index", ())  # the subscript wrapper of Python < 3.9
IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def module_of(path):
    parts = path[:-3].split("/")
    if parts[0] == "src":
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return parts


def resolve(node, here, is_package):
    """The dotted module an ImportFrom names, relative imports resolved against `here`."""
    if node.level == 0:
        return node.module or ""
    base = here if is_package else here[:-1]
    if node.level > 1:
        base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def is_mock_module(dotted):
    last = dotted.split(".")[-1]
    return bool(MOCK_MODULE.match(last)) or dotted == "unittest.mock" or dotted == "mock"


def imported_tops(body):
    tops = []
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Import):
                tops.extend(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops.append(node.module.split(".")[0])
    return sorted(set(tops))


def mock_value(node):
    """The stand-in a value names: `MockTorch()`, `FakeClient`, `MagicMock()`; else None."""
    if isinstance(node, ast.Call):
        node = node.func
    name = node.id if isinstance(node, ast.Name) else \
        node.attr if isinstance(node, ast.Attribute) else None
    return name if name and MOCK_NAME.match(name) else None


class Scanner(object):
    def __init__(self, path):
        self.path = path
        self.here = module_of(path)
        self.is_package = path.endswith("__init__.py")
        self.hits = []

    def hit(self, node, kind, target, replaces):
        self.hits.append({"file": self.path, "line": node.lineno, "kind": kind,
                          "target": target, "replaces": replaces})

    def import_targets(self, node):
        """(module, names) pairs of stand-ins an import statement brings in."""
        found = []
        if isinstance(node, ast.Import):
            for alias in node.names:
                if is_mock_module(alias.name):
                    found.append(alias.name)
        elif isinstance(node, ast.ImportFrom):
            module = resolve(node, self.here, self.is_package)
            if is_mock_module(module):
                found.append(module)
            else:
                for alias in node.names:
                    if MOCK_NAME.match(alias.name) or is_mock_module(alias.name):
                        found.append(module + "." + alias.name if module else alias.name)
        return found

    def visit_body(self, body, replaces):
        for stmt in body:
            self.visit(stmt, replaces)

    def visit(self, node, replaces):
        if isinstance(node, ast.Try) or (hasattr(ast, "TryStar") and isinstance(node, ast.TryStar)):
            self.visit_body(node.body, replaces)
            tops = imported_tops(node.body)
            for handler in node.handlers:
                self.visit_body(handler.body, tops if handler_catches(handler, IMPORT_ERRORS) else replaces)
            self.visit_body(node.orelse, replaces)
            self.visit_body(node.finalbody, replaces)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for target in self.import_targets(node):
                if replaces is not None:
                    self.hit(node, "fallback", target, replaces)
                else:
                    self.hit(node, "import", target, [])
            return
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and self.is_sys_modules(target.value):
                    key = target.slice.value if isinstance(target.slice, INDEX) else target.slice
                    name = getattr(key, "value", getattr(key, "s", None))
                    stand_in = mock_value(node.value)
                    if stand_in:
                        self.hit(node, "sys.modules", stand_in,
                                 [name] if isinstance(name, str) else [])
            stand_in = mock_value(node.value)
            if stand_in and replaces is not None:
                self.hit(node, "fallback", stand_in, replaces)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                self.visit(child, replaces)
            elif isinstance(child, ast.expr):
                self.visit_expr(child)

    def visit_expr(self, node):
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and \
                    sub.func.attr in ("setdefault", "update", "__setitem__") and \
                    self.is_sys_modules(sub.func.value):
                key = sub.args[0] if sub.args else None
                name = getattr(key, "value", getattr(key, "s", None))
                stand_in = mock_value(sub.args[1]) if len(sub.args) > 1 else None
                if stand_in:
                    self.hit(sub, "sys.modules", stand_in, [name] if isinstance(name, str) else [])

    @staticmethod
    def is_sys_modules(node):
        return isinstance(node, ast.Attribute) and node.attr == "modules" and \
            isinstance(node.value, ast.Name) and node.value.id == "sys"


def main():
    trees, errors = parsed_files(read_request())
    hits = []
    for path, tree in trees:
        scanner = Scanner(path)
        scanner.visit_body(tree.body, None)
        hits.extend(scanner.hits)
    sys.stdout.write(json.dumps({"hits": hits, "parseErrors": errors}))


if __name__ == "__main__":
    main()
