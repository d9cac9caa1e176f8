import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { missingRequirements, parsePipFailure, pipFailureVerdict } from "./pip_failure.ts";

Deno.test("parsePipFailure() names requirements missing from the index", () => {
  const out = [
    "WARNING: Location 'file:///opt/pypi/simple/nonexistent-pkg/' is ignored",
    "ERROR: Could not find a version that satisfies the requirement nonexistent-pkg==1.0 (from versions: none)",
    "ERROR: No matching distribution found for nonexistent-pkg==1.0",
  ].join("\n");
  const failure = parsePipFailure(out);
  deepStrictEqual(failure, { kind: "not-found", requirements: ["nonexistent-pkg==1.0"] });
  deepStrictEqual(pipFailureVerdict(failure, "the project"), {
    status: "unverified",
    summary:
      "Cannot install the project: not on the configured package index: nonexistent-pkg (nonexistent-pkg==1.0)",
    findings: [{ message: "No matching distribution found for nonexistent-pkg==1.0" }],
  });
});

Deno.test("parsePipFailure() tells network, conflict, build and other failures apart", () => {
  strictEqual(
    parsePipFailure(
      "WARNING: Retrying ... NewConnectionError('Failed to establish a new connection')\nERROR: No matching distribution found for requests\n",
    ).kind,
    "network",
  );
  deepStrictEqual(
    parsePipFailure([
      "ERROR: Cannot install a==1 and b==2 because these package versions have conflicting dependencies.",
      "The conflict is caused by:",
      "    a 1 depends on c<2",
      "    b 2 depends on c>=2",
      "ERROR: ResolutionImpossible: for help visit https://pip.pypa.io",
    ].join("\n")),
    { kind: "conflict", detail: "b 2 depends on c>=2" },
  );
  deepStrictEqual(
    parsePipFailure([
      "  error: subprocess-exited-with-error",
      '        File "/tmp/badbuild/setup.py", line 1, in <module>',
      '          raise RuntimeError("boom")',
      "      RuntimeError: boom",
      "error: metadata-generation-failed",
    ].join("\n")),
    { kind: "build", detail: "RuntimeError: boom" },
  );
  deepStrictEqual(parsePipFailure("ERROR: Invalid requirement: '!!'\n"), {
    kind: "other",
    detail: "ERROR: Invalid requirement: '!!'",
  });
  deepStrictEqual(
    parsePipFailure(
      'ERROR: Exception:\nTraceback (most recent call last):\n  File "x.py", line 1\npip._vendor.tomli.TOMLDecodeError: Unclosed array (at line 5, column 1)\n',
    ),
    {
      kind: "other",
      detail: "pip._vendor.tomli.TOMLDecodeError: Unclosed array (at line 5, column 1)",
    },
  );
});

Deno.test("pipFailureVerdict() fails conflicts and builds, and cannot verify an unreachable index", () => {
  const verdict = (f: Parameters<typeof pipFailureVerdict>[0]) => pipFailureVerdict(f, "x").status;
  deepStrictEqual(
    [
      verdict({ kind: "network", detail: "NewConnectionError" }),
      verdict({ kind: "conflict", detail: "a depends on c<2" }),
      verdict({ kind: "build", detail: "RuntimeError: boom" }),
      verdict({ kind: "other", detail: "ERROR: x" }),
    ],
    ["unverified", "fail", "fail", "fail"],
  );
});

Deno.test("missingRequirements() names each missing requirement, its parent and the index's versions", () => {
  const out = [
    "ERROR: Could not find a version that satisfies the requirement coverage==7.0.1 (from versions: 6.5.0, 7.16.2)",
    "ERROR: No matching distribution found for coverage==7.0.1",
    "ERROR: Could not find a version that satisfies the requirement py-cpuinfo2>=10.1 (from pytest-benchmark) (from versions: none)",
    "< ERROR: No matching distribution found for pdm-backend",
  ].join("\n");
  deepStrictEqual(missingRequirements(out), [
    { requirement: "coverage==7.0.1", name: "coverage", versions: ["6.5.0", "7.16.2"] },
    {
      requirement: "py-cpuinfo2>=10.1",
      name: "py-cpuinfo2",
      from: "pytest-benchmark",
      versions: [],
    },
    { requirement: "pdm-backend", name: "pdm-backend", versions: [] },
  ]);
  deepStrictEqual(missingRequirements("Successfully installed six-1.16.0\n"), []);
  const relayed = [
    "< ERROR: Could not find a version that satisfies the requirement setuptools-",
    "  git-versioning>=2.0 (from versions: none)",
    "< ERROR: No matching distribution found for setuptools-git-versioning>=2.0",
  ].join("\n");
  deepStrictEqual(missingRequirements(relayed).map((m) => m.requirement), [
    "setuptools-git-versioning>=2.0",
  ]);
});
