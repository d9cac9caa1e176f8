"""Static import scan for claimcheck's deps.python check.

Run by the target's interpreter through claimcheck's executor:

    python scan_imports.py INPUT.json

INPUT.json: {"root": "/abs/snapshot", "files": ["pkg/a.py", ...], "setup": "setup.py" | null}

Prints one JSON object on stdout:
  imports:      [{module, top, file, line, optional, typeChecking, alternatives}]
  parseErrors: [{file, line, message}]
  setup:        {readable, installRequires, extrasRequire, testsRequire, reason} | null
  stdlib:       [names of the interpreter's standard library modules]

An import is `optional` when the code copes with its absence: inside the body or the `else` of a
`try` that catches ImportError (or ModuleNotFoundError, Exception, BaseException, a bare except),
inside `with suppress(ImportError)`, or under a test of the environment (`sys.version_info`,
`sys.platform`, `os.name`, `platform.system()`, a `PY2`/`PY3` flag, or a module-level name bound to
such a test). An import inside such a handler is a fallback: its `alternatives` are the top-level
names the `try` body imports, and it is needed only when none of them is available.

Nothing is executed: every file (setup.py too) is only parsed with `ast`.
Compatible with Python 3.6+.
"""
import ast
import json
import os
import re
import sys
import sysconfig

IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def handler_names(handler):
    """Names of the exception types an except clause catches (empty for a bare except)."""
    kind = handler.type
    if kind is None:
        return {"BaseException"}
    nodes = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    names = set()
    for node in nodes:
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
    return names


def is_type_checking(test):
    """`if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:`."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    if isinstance(test, ast.Attribute):
        return test.attr == "TYPE_CHECKING"
    return False


ENVIRONMENT_ATTRIBUTES = {
    "sys": {"version_info", "version", "hexversion", "platform", "implementation", "maxsize",
            "byteorder"},
    "os": {"name"},
}

# PY2, PY3, PY36, IS_PY3, PYTHON2, six.PY2: flags that compat modules define from sys.version_info.
VERSION_FLAG = re.compile(r"^(IS_)?PY(THON)?_?[23][0-9]*$", re.IGNORECASE)


def is_environment_test(test, flags=frozenset()):
    """A test on the interpreter or platform: its branches are conditional.

    `flags` are module-level names bound to such a test (`WINDOWS = os.name == "nt"`).
    """
    for node in ast.walk(test):
        if isinstance(node, ast.Attribute):
            base = node.value.id if isinstance(node.value, ast.Name) else None
            if node.attr in ENVIRONMENT_ATTRIBUTES.get(base, ()) or VERSION_FLAG.match(node.attr):
                return True
            if base == "platform":
                return True
        elif isinstance(node, ast.Name) and (node.id in flags or VERSION_FLAG.match(node.id)):
            return True
    return False


def environment_flags(tree):
    """Module-level names bound to an environment test, in order (a flag may use an earlier one)."""
    flags = set()
    for node in getattr(tree, "body", []):
        if isinstance(node, ast.Assign) and is_environment_test(node.value, flags):
            flags.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return frozenset(flags)


def suppresses_import_errors(item):
    """`suppress(ImportError)` / `contextlib.suppress(ModuleNotFoundError, ...)` in a with item."""
    call = item.context_expr
    if not isinstance(call, ast.Call):
        return False
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    if name != "suppress":
        return False
    caught = {a.id if isinstance(a, ast.Name) else a.attr for a in call.args
              if isinstance(a, (ast.Name, ast.Attribute))}
    return bool(caught & IMPORT_ERRORS)


def top_imports(nodes):
    """Top-level names of the absolute imports anywhere in `nodes`."""
    names = []
    for statement in nodes:
        for node in ast.walk(statement):
            if isinstance(node, ast.Import):
                names.extend(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.append(node.module.split(".")[0])
    return sorted(set(names))


class Scanner(ast.NodeVisitor):
    """Collects absolute imports with their optional / TYPE_CHECKING context."""

    def __init__(self, path, flags=frozenset()):
        self.path = path
        self.flags = flags
        self.optional = 0
        self.type_checking = 0
        self.alternatives = []
        self.found = []

    def add(self, module, line):
        self.found.append({
            "module": module,
            "top": module.split(".")[0],
            "file": self.path,
            "line": line,
            "optional": self.optional > 0,
            "typeChecking": self.type_checking > 0,
            "alternatives": [name for name in self.alternatives if name != module.split(".")[0]],
        })

    def visit_Import(self, node):
        for alias in node.names:
            self.add(alias.name, node.lineno)

    def visit_ImportFrom(self, node):
        if node.level == 0 and node.module:
            self.add(node.module, node.lineno)

    def visit_Try(self, node):
        guarded = any(handler_names(h) & IMPORT_ERRORS for h in node.handlers)
        # The body and the else (which runs only when the body's imports succeeded) are optional.
        self.optional += guarded
        for child in node.body + node.orelse:
            self.visit(child)
        self.optional -= guarded
        body_imports = top_imports(node.body) if guarded else []
        for handler in node.handlers:
            fallback = body_imports if handler_names(handler) & IMPORT_ERRORS else []
            saved = self.alternatives
            self.alternatives = sorted(set(saved) | set(fallback))
            self.visit(handler)
            self.alternatives = saved
        for child in node.finalbody:
            self.visit(child)

    visit_TryStar = visit_Try

    def visit_With(self, node):
        guarded = any(suppresses_import_errors(item) for item in node.items)
        self.optional += guarded
        self.generic_visit(node)
        self.optional -= guarded

    def visit_If(self, node):
        if is_type_checking(node.test):
            self.type_checking += 1
            for child in node.body:
                self.visit(child)
            self.type_checking -= 1
            for child in node.orelse:
                self.visit(child)
            return
        conditional = is_environment_test(node.test, self.flags)
        self.optional += conditional
        self.generic_visit(node)
        self.optional -= conditional


def scan_file(root, path, imports, errors):
    try:
        with open(os.path.join(root, path), "rb") as handle:
            source = handle.read()
    except OSError as error:
        errors.append({"file": path, "line": 1, "message": "Cannot read file: %s" % error.strerror})
        return
    try:
        tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        line = getattr(error, "lineno", None) or 1
        message = getattr(error, "msg", None) or str(error)
        errors.append({"file": path, "line": line, "message": "%s: %s" % (type(error).__name__, message)})
        return
    scanner = Scanner(path, environment_flags(tree))
    scanner.visit(tree)
    imports.extend(scanner.found)


def literal(node, names):
    """The literal value of `node`, following module-level names bound to literals."""
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return literal(node.left, names) + literal(node.right, names)
    return ast.literal_eval(node)


def read_setup(root, path):
    """install_requires / extras_require / tests_require of a setup() call, when literal."""
    try:
        with open(os.path.join(root, path), "rb") as handle:
            tree = ast.parse(handle.read(), filename=path)
    except (OSError, SyntaxError, ValueError, RecursionError) as error:
        return {"readable": False, "reason": "Cannot parse %s: %s" % (path, error)}
    names = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                names[node.targets[0].id] = literal(node.value, names)
            except Exception:  # not a literal: left out
                pass
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name != "setup":
            continue
        result = {"readable": True, "installRequires": [], "extrasRequire": {}, "testsRequire": []}
        fields = {"install_requires": "installRequires", "extras_require": "extrasRequire",
                  "tests_require": "testsRequire"}
        for keyword in node.keywords:
            if keyword.arg not in fields:
                continue
            try:
                value = literal(keyword.value, names)
            except Exception:  # not a literal
                return {"readable": False,
                        "reason": "%s:%d: %s is not a literal" % (path, keyword.value.lineno, keyword.arg)}
            if isinstance(value, str):
                value = value.splitlines()
            result[fields[keyword.arg]] = value
        return result
    return {"readable": False, "reason": "%s: no setup() call found" % path}


def stdlib_names():
    names = set(sys.builtin_module_names)
    if hasattr(sys, "stdlib_module_names"):
        names.update(sys.stdlib_module_names)
        return sorted(names)
    stdlib = sysconfig.get_paths()["stdlib"]
    for entry in os.listdir(stdlib):
        if entry.endswith(".py"):
            names.add(entry[:-3])
        elif os.path.isfile(os.path.join(stdlib, entry, "__init__.py")):
            names.add(entry)
    dynload = os.path.join(stdlib, "lib-dynload")
    if os.path.isdir(dynload):
        for entry in os.listdir(dynload):
            names.add(entry.split(".")[0])
    return sorted(names)


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    root = request["root"]
    imports, errors = [], []
    for path in request["files"]:
        scan_file(root, path, imports, errors)
    setup = read_setup(root, request["setup"]) if request.get("setup") else None
    json.dump({"imports": imports, "parseErrors": errors, "setup": setup, "stdlib": stdlib_names()},
              sys.stdout)


if __name__ == "__main__":
    main()
