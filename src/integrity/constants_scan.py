"""Static search for "measured" figures that are literals, for claimcheck's code.constants check.

Run through claimcheck's executor:

    python constants_scan.py INPUT.json

INPUT.json: {"root": "/abs/snapshot", "files": ["src/pkg/gates.py", ...]}   (not the tests)

Prints one JSON object on stdout:
  literals:    [{file, line, key, value, context}]
  parseErrors: [{file, line, message}]

A literal is a number (not a bool, not 0) given to a result-like key — latency*, throughput*,
coverage*, pass_rate, success_rate, score/*_score, accuracy, precision, recall, f1, uptime,
error_rate — as a dict entry (`{"coverage": 95.5}`), a keyword argument (`Result(coverage=95.5)`),
or an assignment to an attribute (`self.pass_rate = 100.0`), inside code about a quality gate, a
validation, a benchmark, metrics or a report: the enclosing function, class or file is named so.
Plain variables and annotated defaults (`score = 100`, a dataclass's `success_rate: float = 1.0`)
are starting values, not results, and keys naming a threshold, limit, target or budget
(`min_coverage`, `latency_budget_ms`) are configuration: both are left out. `context` is the name
that made the code qualify. Nothing is executed. Compatible with Python 3.6+.
"""
import ast
import json
import re
import sys

from ast_common import parsed_files, read_request

RESULT_KEY = re.compile(
    r"^(?:\w*_)?(latency\w*|throughput\w*|coverage\w*|pass_?rate|success_?rate|score|\w+_score|"
    r"accuracy|precision|recall|f1(?:_score)?|uptime\w*|error_?rate|response_time\w*|rps)$",
    re.IGNORECASE)
CONFIG_KEY = re.compile(r"threshold|min|max|target|limit|required|expected|budget|goal|weight|"
                        r"fail_under|tolerance|default|baseline", re.IGNORECASE)
CONTEXT_NAME = re.compile(r"quality|gate|validat|benchmark|report|metrics|readiness", re.IGNORECASE)

if sys.version_info >= (3, 8):
    def number(node):
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = number(node.operand)
            return None if inner is None else -inner
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return node.value
        return None
else:
    def number(node):
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = number(node.operand)
            return None if inner is None else -inner
        if isinstance(node, ast.Num) and type(node.n) in (int, float):
            return node.n
        return None


def result_key(name):
    return bool(name) and bool(RESULT_KEY.match(name)) and not CONFIG_KEY.search(name)


class Scanner(object):
    def __init__(self, path):
        self.path = path
        self.literals = []

    def add(self, node, key, value, context):
        if value is not None and value != 0 and result_key(key):
            self.literals.append({"file": self.path, "line": node.lineno, "key": key,
                                  "value": value, "context": context})

    def visit(self, node, context):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) or \
                (hasattr(ast, "AsyncFunctionDef") and isinstance(node, ast.AsyncFunctionDef)):
            if CONTEXT_NAME.search(node.name):
                context = node.name
        if context is not None:
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values):
                    # Only string keys: `{Gate.COVERAGE: 85.0}` maps enum members to thresholds.
                    text = getattr(key, "value", getattr(key, "s", None))
                    if isinstance(text, str):
                        self.add(value, text, number(value), context)
            elif isinstance(node, ast.Call):
                for keyword in node.keywords:
                    self.add(keyword.value, keyword.arg, number(keyword.value), context)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Attribute):
                        self.add(node, target.attr, number(node.value), context)
        for child in ast.iter_child_nodes(node):
            self.visit(child, context)


def main():
    trees, errors = parsed_files(read_request())
    literals = []
    for path, tree in trees:
        name = path.split("/")[-1]
        context = name if CONTEXT_NAME.search(name) else None
        scanner = Scanner(path)
        scanner.visit(tree, context)
        literals.extend(scanner.literals)
    sys.stdout.write(json.dumps({"literals": literals, "parseErrors": errors}))


if __name__ == "__main__":
    main()
