"""Read the INI files and noxfiles of a test plan; print JSON. Standard library only, nothing executed.

Usage: plan_sources.py REQUEST.json
REQUEST: {"ini": [{"file", "text", "lineOffset"}], "nox": [{"file", "text"}]}
Output: {"ini": [{"file", "sections"} | {"file", "error"}], "nox": [{"file", "sessions"} | {"file", "error"}]}
An INI section: {"name", "line", "keys": [{"key", "value", "line", "lines"}]} (`lines`: the physical line of
each non-empty line of the value). A nox session: {"name", "function", "line", "python", "installs",
"runs", "env"}; an install or run: {"args", "line", "dynamic"} (`dynamic`: an argument was not a literal).
An error: {"line", "message"}.
"""
import ast
import configparser
import json
import re
import sys


def ini_key_lines(text, offset):
    """Each (section, key) -> (key line, value lines), by scanning the text the way configparser reads it."""
    out = {}
    section = None
    current = None
    for number, raw in enumerate(text.splitlines(), start=1 + offset):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith(";"):
            continue
        header = re.match(r"^\[([^\]]+)\]", raw)
        if header:
            section = header.group(1)
            out.setdefault(section, {"__line__": number})
            current = None
            continue
        if section is None:
            continue
        if raw[:1] in (" ", "\t") and current is not None:
            current[1].append(number)
            continue
        pair = re.match(r"^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$", raw)
        if pair:
            key = pair.group(1).strip().lower()
            current = (number, [number] if pair.group(2).strip() else [])
            out[section].setdefault(key, current)
        else:
            current = None
    return out


def read_ini(entry):
    text = entry["text"]
    offset = entry.get("lineOffset", 0)
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read_string(text, source=entry["file"])
    except configparser.MissingSectionHeaderError as error:
        return {"file": entry["file"], "error": {"line": error.lineno + offset, "message": "a line before the first section header"}}
    except configparser.ParsingError as error:
        line = error.errors[0][0] if error.errors else 1
        return {"file": entry["file"], "error": {"line": line + offset, "message": "a line that is neither a section header nor `key = value`"}}
    except configparser.Error as error:
        line = getattr(error, "lineno", None) or 1
        return {"file": entry["file"], "error": {"line": line + offset, "message": str(error).splitlines()[0]}}
    lines = ini_key_lines(text, offset)
    sections = []
    for name in parser.sections():
        where = lines.get(name, {})
        keys = []
        for key, value in parser.items(name, raw=True):
            key_line, value_lines = where.get(key, (where.get("__line__", 1), []))
            keys.append({"key": key, "value": value, "line": key_line, "lines": value_lines})
        sections.append({"name": name, "line": where.get("__line__", 1), "keys": keys})
    return {"file": entry["file"], "sections": sections}


def literal_string(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if type(node).__name__ == "Str":  # Python < 3.8
        return node.s
    return None


def string_list(node, constants):
    """The strings of a literal list/tuple/str (or a module constant holding one); None if not literal."""
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    single = literal_string(node)
    if single is not None:
        return [single]
    if isinstance(node, (ast.List, ast.Tuple)):
        values = [literal_string(e) for e in node.elts]
        if all(v is not None for v in values):
            return values
    return None


def module_constants(tree):
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            values = string_list(node.value, {})
            if values is not None:
                constants[node.targets[0].id] = values
    return constants


def session_decorator(decorator):
    """The decorator's call node (or the bare name) when it is nox.session; None otherwise."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    if isinstance(target, ast.Attribute) and target.attr == "session":
        return decorator
    if isinstance(target, ast.Name) and target.id == "session":
        return decorator
    return None


def call_args(call, constants, session_name):
    args = []
    dynamic = False
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            value = arg.value
            if isinstance(value, ast.Attribute) and value.attr == "posargs":
                continue
            values = string_list(value, constants)
            if values is None:
                dynamic = True
            else:
                args.extend(values)
            continue
        value = literal_string(arg)
        if value is None:
            dynamic = True
        else:
            args.append(value)
    env = {}
    for keyword in call.keywords:
        if keyword.arg == "env" and isinstance(keyword.value, ast.Dict):
            for k, v in zip(keyword.value.keys, keyword.value.values):
                key, val = literal_string(k) if k is not None else None, literal_string(v)
                if key is not None and val is not None:
                    env[key] = val
    return {"args": args, "line": call.lineno, "dynamic": dynamic}, env


def read_session(function, decorator, constants):
    name = function.name
    python = []
    if isinstance(decorator, ast.Call):
        for keyword in decorator.keywords:
            if keyword.arg in ("python", "py"):
                python = string_list(keyword.value, constants) or []
            if keyword.arg == "name":
                name = literal_string(keyword.value) or name
    param = function.args.args[0].arg if function.args.args else "session"
    installs, runs, env = [], [], {}
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id == param):
                continue
            if node.func.attr == "install":
                installs.append(call_args(node, constants, param)[0])
            elif node.func.attr in ("run", "run_always"):
                run, run_env = call_args(node, constants, param)
                runs.append(run)
                env.update(run_env)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute)
                    and target.value.attr == "env"):
                index = target.slice.value if type(target.slice).__name__ == "Index" else target.slice
                key = literal_string(index)
                val = literal_string(node.value)
                if key is not None and val is not None:
                    env[key] = val
    return {"name": name, "function": function.name, "line": function.lineno, "python": python,
            "installs": installs, "runs": runs, "env": env}


def read_nox(entry):
    try:
        tree = ast.parse(entry["text"], filename=entry["file"])
    except SyntaxError as error:
        return {"file": entry["file"], "error": {"line": error.lineno or 1, "message": "SyntaxError: %s" % error.msg}}
    constants = module_constants(tree)
    sessions = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                found = session_decorator(decorator)
                if found is not None:
                    sessions.append(read_session(node, found, constants))
                    break
    return {"file": entry["file"], "sessions": sessions}


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    result = {
        "ini": [read_ini(e) for e in request.get("ini", [])],
        "nox": [read_nox(e) for e in request.get("nox", [])],
    }
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
