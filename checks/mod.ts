/**
 * The check registry: one explicit list, no side-effect registration.
 * @module
 */
import type { Check } from "../src/check.ts";
import { buildDeno } from "./build_deno.ts";
import { buildPython } from "./build_python.ts";
import { coveragePython } from "./coverage_python.ts";
import { depsPython } from "./deps_python.ts";
import { installPython } from "./install_python.ts";
import { perfPythonImport } from "./perf_python_import.ts";
import { testsPytest } from "./tests_pytest.ts";
import { coverageDeno } from "./coverage_deno.ts";
import { docsPresent } from "./docs_present.ts";
import { perfBindings } from "./perf_bindings.ts";
import { repoTodos } from "./repo_todos.ts";
import { testsDeno } from "./tests_deno.ts";

/** Every check claimcheck knows, in report order. */
export const checks: readonly Check[] = [
  installPython,
  depsPython,
  buildPython,
  testsPytest,
  coveragePython,
  perfPythonImport,
  buildDeno,
  testsDeno,
  coverageDeno,
  docsPresent,
  repoTodos,
  perfBindings,
];
