"""What the integrity scripts share: reading their request, parsing the target's files with
`ast` (never running them), and asking which exceptions an `except` clause catches.

Standard library only; copied beside the script that imports it.
"""
import ast
import json
import sys


def read_request():
    """The JSON request file named by the script's one argument."""
    with open(sys.argv[1], "rb") as handle:
        return json.loads(handle.read().decode("utf-8"))


def parsed_files(request):
    """Each of `request["files"]` (below `request["root"]`) parsed: `(path, tree)` pairs, and the
    files that could not be read or parsed as `{file, line, message}`."""
    trees, errors = [], []
    for path in request["files"]:
        try:
            with open(request["root"] + "/" + path, "rb") as handle:
                trees.append((path, ast.parse(handle.read(), filename=path)))
        except SyntaxError as error:
            errors.append({"file": path, "line": error.lineno or 1, "message": str(error.msg)})
        except (OSError, ValueError) as error:
            errors.append({"file": path, "line": 1, "message": str(error)})
    return trees, errors


def handler_catches(handler, names):
    """Whether an `except` clause catches one of the exception class `names` (a bare `except`
    catches everything)."""
    kind = handler.type
    if kind is None:
        return True
    nodes = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    for node in nodes:
        name = node.id if isinstance(node, ast.Name) else \
            node.attr if isinstance(node, ast.Attribute) else None
        if name in names:
            return True
    return False
