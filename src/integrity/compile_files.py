"""Compile every source file with the running interpreter, for claimcheck's compat.python check.

Run through claimcheck's executor, once per interpreter:

    python compile_files.py INPUT.json

INPUT.json: {"root": "/abs/snapshot", "files": ["pkg/a.py", ...]}

Prints one JSON object on stdout:
  version: the interpreter's "X.Y.Z"
  failed:  [{file, line, message}] for each file `compile()` rejects (a SyntaxError, or a
           ValueError such as a null byte)

`compile()`, not only `ast.parse`: it also rejects `continue` outside a loop, `return` outside a
function, a nonlocal at module level and the like. Nothing is executed and no bytecode is written.
Compatible with Python 2.7 and 3.x.
"""
import io
import json
import platform
import sys
import warnings


def check(root, path):
    with io.open(root + "/" + path, "rb") as handle:
        source = handle.read()
    try:
        compile(source, path, "exec", 0, True)
    except SyntaxError as error:
        return {"file": path, "line": error.lineno or 1,
                "message": "%s: %s" % (type(error).__name__, error.msg)}
    except (ValueError, TypeError) as error:
        return {"file": path, "line": 1, "message": "%s: %s" % (type(error).__name__, error)}
    return None


def main():
    warnings.simplefilter("ignore")
    with io.open(sys.argv[1], "rb") as handle:
        request = json.loads(handle.read().decode("utf-8"))
    failed = []
    for path in request["files"]:
        try:
            result = check(request["root"], path)
        except (IOError, OSError) as error:
            result = {"file": path, "line": 1, "message": "cannot read: %s" % error}
        if result is not None:
            failed.append(result)
    sys.stdout.write(json.dumps({"version": platform.python_version(), "failed": failed}))


if __name__ == "__main__":
    main()
