"""claimcheck's JUnit-writing runner for suites run with `python -m`.

Usage: python unittest_junit.py JUNIT_PATH MODULE [ARG...]

Runs `python -m MODULE ARG...` (`unittest discover -s tests`, or a project's own `pkg.tests`) in
this process, the way the maintainers run it, with unittest's TextTestRunner replaced by a subclass
that records every test's outcome; writes them as JUnit XML (one <testcase> per test, as unittest
counts them: a doctest from `load_tests` is one test) when the module ends, then exits as it did.
Standard library only; Python 2.7 and 3.
"""
import os
import re
import runpy
import sys
import time
import traceback
import unittest
import unittest.runner
from xml.sax.saxutils import quoteattr, escape

RECORDS = []


def _source(test):
    """File (relative to the working directory when inside it) and 0-based line of a test."""
    import inspect

    path = None
    line = None
    dt = getattr(test, "_dt_test", None)
    try:
        if dt is not None:
            path, line = dt.filename, dt.lineno
        else:
            method = getattr(test, getattr(test, "_testMethodName", ""), None)
            func = getattr(method, "__func__", method)
            while getattr(func, "__wrapped__", None) is not None:
                func = func.__wrapped__
            code = getattr(func, "__code__", None)
            if code is not None:
                path, line = code.co_filename, code.co_firstlineno - 1
            if not _inside(path):
                path, line = inspect.getsourcefile(type(test)), None
    except Exception:
        pass
    if not _inside(path):
        return None, None
    return os.path.relpath(os.path.abspath(path), os.getcwd()).replace(os.sep, "/"), line


def _inside(path):
    return bool(path) and os.path.abspath(path).startswith(os.getcwd() + os.sep)


def _names(test):
    """(classname, name) of a test: the id split at its last dot."""
    ident = test.id() if hasattr(test, "id") else str(test)
    cls = type(test).__name__
    if cls == "_FailedTest" or cls == "ModuleImportFailure":
        # A module that could not be imported: a file, as pytest reports collection errors.
        return "", ident.split(".")[-1]
    if cls == "_ErrorHolder":
        return "", str(test)
    if "." in ident:
        head, _, tail = ident.rpartition(".")
        return head, tail
    return "", ident


class _Record(object):
    def __init__(self, test):
        self.classname, self.name = _names(test)
        self.collection = self.classname == "" and type(test).__name__ != "_ErrorHolder"
        self.file, self.line = (None, None) if self.classname == "" else _source(test)
        self.start = time.time()
        self.seconds = 0.0
        self.outcome = "passed"
        self.kind = None
        self.message = None
        self.detail = None

    def finish(self, outcome, kind=None, message=None, detail=None):
        self.seconds = time.time() - self.start
        rank = {"passed": 0, "skipped": 1, "failure": 2, "error": 3}
        if rank[outcome] < rank[self.outcome]:
            return
        self.outcome, self.kind, self.message, self.detail = outcome, kind, message, detail


def _error_text(err):
    kind, value = err[0], err[1]
    message = str(value).split("\n")[0] if str(value) else kind.__name__
    try:
        detail = "".join(traceback.format_exception(*err))
    except Exception:
        detail = message
    if kind.__name__ == "ImportError" and str(value).startswith("Failed to import test module"):
        detail = str(value)
    return "%s: %s" % (kind.__name__, message), detail


def _instrument(result):
    """Wrap `result`'s add* methods so every outcome is recorded (whatever result class it is)."""
    current = {}

    def record(test):
        key = id(test)
        if key not in current:
            current[key] = _Record(test)
            RECORDS.append(current[key])
        return current[key]

    def wrap(name, handler):
        original = getattr(result, name, None)
        if original is None:
            return

        def wrapper(*args, **kwargs):
            try:
                handler(*args)
            except Exception:
                pass
            return original(*args, **kwargs)

        setattr(result, name, wrapper)

    def on_start(test):
        record(test)

    def on_success(test):
        record(test).finish("passed")

    def on_failure(test, err):
        message, detail = _error_text(err)
        record(test).finish("failure", "AssertionError", message, detail)

    def on_error(test, err):
        message, detail = _error_text(err)
        r = record(test)
        if r.collection:
            message = "collection failure"
        r.finish("error", err[0].__name__, message, detail)

    def on_skip(test, reason):
        record(test).finish("skipped", "unittest.skip", str(reason), str(reason))

    def on_expected(test, err):
        message, detail = _error_text(err)
        record(test).finish("skipped", "unittest.expectedFailure", message, detail)

    def on_unexpected(test):
        record(test).finish("failure", "unittest.unexpectedSuccess", "unexpected success", "")

    def on_subtest(test, subtest, err):
        if err is None:
            return
        message, detail = _error_text(err)
        failure = issubclass(err[0], test.failureException)
        record(test).finish("failure" if failure else "error", err[0].__name__,
                            "%s %s" % (subtest._subDescription(), message), detail)

    wrap("startTest", on_start)
    wrap("addSuccess", on_success)
    wrap("addFailure", on_failure)
    wrap("addError", on_error)
    wrap("addSkip", on_skip)
    wrap("addExpectedFailure", on_expected)
    wrap("addUnexpectedSuccess", on_unexpected)
    wrap("addSubTest", on_subtest)
    return result


_TextTestRunner = unittest.runner.TextTestRunner


class RecordingRunner(_TextTestRunner):
    """unittest's runner, printing as usual, with every outcome recorded for the JUnit file."""

    def _makeResult(self):
        return _instrument(_TextTestRunner._makeResult(self))


_CONTROL = re.compile(u"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value):
    """Text safe inside XML: control characters (not allowed in XML 1.0) dropped."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return _CONTROL.sub("", value or "")


def _write(path):
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<testsuites>"]
    out.append('<testsuite name="unittest" tests="%d">' % len(RECORDS))
    for r in RECORDS:
        attrs = "classname=%s name=%s time=%s" % (
            quoteattr(_text(r.classname)), quoteattr(_text(r.name)), quoteattr("%.3f" % r.seconds))
        if r.file:
            attrs += " file=%s" % quoteattr(_text(r.file))
        if r.line is not None and r.line >= 0:
            attrs += " line=%s" % quoteattr(str(r.line))
        if r.outcome == "passed":
            out.append("<testcase %s/>" % attrs)
            continue
        tag = r.outcome
        out.append("<testcase %s><%s type=%s message=%s>%s</%s></testcase>" % (
            attrs, tag, quoteattr(_text(r.kind)), quoteattr(_text(r.message)),
            escape(_text(r.detail)), tag))
    out.append("</testsuite></testsuites>")
    text = "\n".join(out)
    if not isinstance(text, bytes):
        text = text.encode("utf-8", "replace")
    with open(path, "wb") as f:
        f.write(text)


def main():
    if len(sys.argv) < 3:
        sys.stderr.write("usage: unittest_junit.py JUNIT_PATH MODULE [ARG...]\n")
        return 2
    junit, module, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    unittest.runner.TextTestRunner = RecordingRunner
    unittest.TextTestRunner = RecordingRunner
    sys.argv = ["python -m " + module] + args
    # `python -m` puts the working directory first on the path.
    sys.path[0] = os.getcwd()
    code = 0
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        code = stop.code
    finally:
        _write(junit)
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write("%s\n" % (code,))
    return 1


if __name__ == "__main__":
    sys.exit(main())
