/**
 * Test helpers: the processes a test marked (with a unique string in their environment) that are
 * still alive, and a wait for them to be gone that polls with a deadline instead of sleeping.
 * @module
 */

/** How long `waitForNoSurvivors()` waits at most: a bound on failure, not a pause. */
const DEADLINE_MS = 10_000;

/** Pids of live processes (zombies are dead) whose environment holds `marker`. */
export async function survivors(marker: string): Promise<number[]> {
  const found: number[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`);
      if (/^\d+ \(.*\) Z/.test(stat)) continue;
      const environ = new TextDecoder().decode(await Deno.readFile(`/proc/${entry.name}/environ`));
      if (environ.includes(marker)) found.push(Number(entry.name));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/**
 * Waits until no process marked `marker` is alive (the kernel reaps asynchronously), at most
 * `DEADLINE_MS`; returns those still alive then (empty when none).
 */
export async function waitForNoSurvivors(marker: string): Promise<number[]> {
  const deadline = performance.now() + DEADLINE_MS;
  let left = await survivors(marker);
  while (left.length > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = await survivors(marker);
  }
  return left;
}

/** Waits until `path` exists (a child's "ready" file), at most `DEADLINE_MS`; throws after. */
export async function waitForFile(path: string): Promise<void> {
  const deadline = performance.now() + DEADLINE_MS;
  while (!(await Deno.stat(path).then(() => true, () => false))) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
