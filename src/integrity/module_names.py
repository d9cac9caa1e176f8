"""The module names an interpreter would import from elsewhere, for claimcheck's deps.shadowed.

Run through claimcheck's executor with the target's environment (or the machine's python3):

    python module_names.py INPUT.json

INPUT.json: {"project": "name" | null}

Prints one JSON object on stdout:
  stdlib:        names of the interpreter's standard library modules (`scan_imports.stdlib_names`)
  distributions: {top-level import name: [distribution names that install it]}, the project's own
                 distribution left out; null when importlib.metadata is missing (Python < 3.8)

Nothing of the target is imported. Compatible with Python 3.6+.
"""
import json
import re
import sys

from scan_imports import stdlib_names


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def top_names(dist):
    text = dist.read_text("top_level.txt")
    if text:
        return set(line.strip() for line in text.splitlines() if line.strip())
    names = set()
    for path in dist.files or []:
        first = str(path).split("/")[0]
        if first.endswith(".py"):
            names.add(first[:-3])
        elif "/" in str(path) and not re.search(r"\.(dist|egg)-info$|^__pycache__$|\.data$", first):
            names.add(first)
    return names


def distributions(project):
    try:
        from importlib import metadata
    except ImportError:
        return None
    own = normalize(project) if project else None
    found = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if not name or normalize(name) == own:
            continue
        for top in top_names(dist):
            if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", top):
                found.setdefault(top, set()).add(name)
    return dict((k, sorted(v)) for k, v in found.items())


def main():
    with open(sys.argv[1], "rb") as handle:
        request = json.loads(handle.read().decode("utf-8"))
    sys.stdout.write(json.dumps({
        "stdlib": stdlib_names(),
        "distributions": distributions(request.get("project")),
    }))


if __name__ == "__main__":
    main()
