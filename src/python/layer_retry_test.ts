import { deepStrictEqual, strictEqual } from "node:assert/strict";
import type { Layer } from "./install_plan.ts";
import { layerCalls } from "./install_plan.ts";
import { leftOutLine, nearestVersion, retryWithout } from "./layer_retry.ts";
import { missingRequirements } from "./pip_failure.ts";

const notFound = (spec: string, extra = "") =>
  `ERROR: Could not find a version that satisfies the requirement ${spec}${extra}\nERROR: No matching distribution found for ${spec}\n`;

function layer(overrides: Partial<Layer>): Layer {
  return {
    kind: "extra",
    name: "extra `solvers`",
    requirements: [],
    requirementsFiles: [],
    fileRequirements: {},
    relaxPins: false,
    ...overrides,
  };
}

Deno.test("retryWithout() leaves out what the index lacks, saying who wanted it", async (t) => {
  const cases: Array<{
    name: string;
    layer: Layer;
    output: string;
    calls: string[][] | undefined;
    lines: string[];
  }> = [
    {
      name: "an extra's requirement",
      layer: layer({
        requirements: [
          { requirement: "fancysolver>=2", wantedBy: "extra `solvers`" },
          { requirement: "six", wantedBy: "extra `solvers`" },
        ],
      }),
      output: notFound("fancysolver>=2", " (from versions: none)"),
      calls: [["six"]],
      lines: ["left out: fancysolver>=2, wanted by extra `solvers`: not on the configured index"],
    },
    {
      name: "a transitive requirement: its parent goes",
      layer: layer({
        kind: "test",
        name: "test layer",
        requirements: [
          { requirement: "pytest-benchmark", wantedBy: "extra `tests`" },
          { requirement: "freezegun", wantedBy: "extra `tests`" },
        ],
      }),
      output: notFound("py-cpuinfo2>=10.1", " (from pytest-benchmark) (from versions: none)"),
      calls: [["freezegun"]],
      lines: [
        "left out: pytest-benchmark, wanted by test layer (extra `tests`): needs py-cpuinfo2>=10.1, which is not on the configured index",
      ],
    },
    {
      name: "a test tool's exact pin is relaxed to the nearest version",
      layer: layer({
        kind: "test",
        name: "test layer",
        relaxPins: true,
        requirements: [{ requirement: "coverage==7.0.1", wantedBy: "requirements-dev.txt" }],
      }),
      output: notFound("coverage==7.0.1", " (from versions: 6.5.0, 7.6.4, 7.16.2)"),
      calls: [["coverage==7.6.4"]],
      lines: [
        "relaxed coverage==7.0.1 to 7.6.4: 7.0.1 is not on the index (wanted by test layer (requirements-dev.txt))",
      ],
    },
    {
      name: "a core dependency: the project goes in with --no-deps, the others directly",
      layer: layer({
        kind: "core",
        name: "core dependencies",
        project: {
          noDeps: false,
          dependencies: [
            { requirement: "dockerfile-parse>=2", wantedBy: "the project's dependencies" },
            { requirement: "click", wantedBy: "the project's dependencies" },
          ],
        },
      }),
      output: notFound("dockerfile-parse>=2", " (from pkg==0.1) (from versions: none)"),
      calls: [["--no-build-isolation", "--no-deps", "/s"], ["click"]],
      lines: [
        "left out: dockerfile-parse>=2, wanted by core dependencies (the project's dependencies): not on the configured index",
      ],
    },
    {
      name: "a line of a requirements file: the file's other lines directly",
      layer: layer({
        kind: "test",
        name: "test layer",
        requirementsFiles: ["requirements-dev.txt"],
        fileRequirements: {
          "requirements-dev.txt": [
            { requirement: "bandit", wantedBy: "requirements-dev.txt" },
            { requirement: "pytest", wantedBy: "requirements-dev.txt" },
          ],
        },
      }),
      output: notFound("bandit", " (from versions: none)"),
      calls: [["pytest"]],
      lines: [
        "left out: bandit, wanted by test layer (requirements-dev.txt): not on the configured index",
      ],
    },
    {
      name: "a requirement from a file a file includes: the files' own lines",
      layer: layer({
        kind: "test",
        name: "test layer",
        requirementsFiles: ["requirements-dev.txt"],
        fileRequirements: {
          "requirements-dev.txt": [{ requirement: "pytest", wantedBy: "requirements-dev.txt" }],
        },
      }),
      output: notFound("structlog>=23", " (from versions: none)"),
      calls: [["pytest"]],
      lines: [],
    },
    {
      name: "a requirement the layer cannot explain",
      layer: layer({ requirements: [{ requirement: "six", wantedBy: "extra `solvers`" }] }),
      output: notFound("elsewhere"),
      calls: undefined,
      lines: [],
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const retry = retryWithout(c.layer, missingRequirements(c.output));
      deepStrictEqual(retry && layerCalls(retry.layer, "/s"), c.calls);
      deepStrictEqual(retry?.leftOut.map(leftOutLine) ?? [], c.lines);
    });
  }
});

Deno.test("retryWithout() relaxes a pin once, then leaves it out", () => {
  const first = retryWithout(
    layer({ relaxPins: true, requirements: [{ requirement: "coverage==7.0.1", wantedBy: "x" }] }),
    missingRequirements(notFound("coverage==7.0.1", " (from versions: 7.6.4)")),
  );
  const second = first &&
    retryWithout(
      first.layer,
      missingRequirements(notFound("coverage==7.6.4", " (from versions: 7.6.4)")),
    );
  deepStrictEqual(second?.layer.requirements, []);
  strictEqual(second?.leftOut[0]?.reason, "not on the configured index");
});

Deno.test("nearestVersion() prefers the lowest version above the pin, else the highest below", () => {
  strictEqual(nearestVersion("7.0.1", ["6.5.0", "7.6.4", "7.16.2"]), "7.6.4");
  strictEqual(nearestVersion("9.0", ["6.5.0", "7.6.4", "8.0rc1"]), "7.6.4");
  strictEqual(nearestVersion("1.0", []), undefined);
});
