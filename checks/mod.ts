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
import { onnxModels } from "./onnx_models.ts";
import { perfBindings } from "./perf_bindings.ts";
import { repoTodos } from "./repo_todos.ts";
import { testsDeno } from "./tests_deno.ts";
import { testsVacuous } from "./tests_vacuous.ts";
import { depsShadowed } from "./deps_shadowed.ts";
import { compatPython } from "./compat_python.ts";
import { codeMocks } from "./code_mocks.ts";
import { codeConstants } from "./code_constants.ts";
import { repoEvidence } from "./repo_evidence.ts";
import { runEntrypoints } from "./run_entrypoints.ts";
import { repoHistory } from "./repo_history.ts";

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
  testsVacuous,
  depsShadowed,
  compatPython,
  codeMocks,
  codeConstants,
  repoEvidence,
  runEntrypoints,
  repoHistory,
  onnxModels,
];
