/**
 * One sandbox uid per audit: concurrent audits run their target code as different uids, so that
 * one audit's processes can neither signal nor trace the other's, and files one writes with mode
 * 0600 stay closed to the other. A uid is leased from {@link LEASED_IDS} through a file per uid
 * in a machine-wide directory (the lease names its holder's pid and start time, so a lease whose
 * holder died is taken over); a uid some process still runs as is never leased.
 * @module
 */
import { join } from "node:path";

/** The uids audits lease; 64000 (`SANDBOX_ID`) stays for the sandbox probe and direct executors. */
export const LEASED_IDS = { first: 64001, last: 64999 } as const;

/** Where the leases live: one file per leased uid, shared by every claimcheck of the machine. */
export const LEASE_DIR = "/run/claimcheck/uids";

/** A leased uid; `release()` hands it back (idempotent). */
export interface SandboxIdLease {
  id: number;
  release: () => Promise<void>;
}

/** `pid start-time` of a process (start time in clock ticks since boot), or undefined when gone. */
async function identity(pid: number): Promise<string | undefined> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`).catch(() => undefined);
  if (stat === undefined) return undefined;
  // "pid (comm) state ppid …": the start time is field 22, the 20th after the comm.
  const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  return `${pid} ${start}`;
}

/** Whether a live process runs with `id` as its real, effective or saved uid. */
export async function uidInUse(id: number): Promise<boolean> {
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const status = await Deno.readTextFile(`/proc/${entry.name}/status`).catch(() => "");
    const uids = /^Uid:\s+(.*)$/m.exec(status)?.[1]?.split(/\s+/).slice(0, 3) ?? [];
    if (uids.includes(String(id))) return true;
  }
  return false;
}

/** Whether the lease text names a process that is still alive (the same one, not a reused pid). */
async function holderAlive(text: string): Promise<boolean> {
  const pid = Number(text.split(" ")[0]);
  return Number.isInteger(pid) && pid > 0 && await identity(pid) === text.trim();
}

/** Creates the lease file `path` holding `owner`; false when it exists. */
async function create(path: string, owner: string): Promise<boolean> {
  try {
    await Deno.writeTextFile(path, `${owner}\n`, { createNew: true });
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return false;
    throw error;
  }
}

/**
 * Moves a lease whose holder is dead out of the way (a rename: of two audits that found it dead,
 * one moves it); true when this call removed it.
 */
async function takeOver(path: string): Promise<boolean> {
  const text = await Deno.readTextFile(path).catch(() => undefined);
  if (text === undefined || await holderAlive(text)) return false;
  const moved = `${path}.dead-${crypto.randomUUID()}`;
  try {
    await Deno.rename(path, moved);
  } catch {
    return false;
  }
  await Deno.remove(moved).catch(() => {});
  return true;
}

/**
 * Leases a free uid of {@link LEASED_IDS}, starting at a random one: its lease file created in
 * `dir` (made when missing), no live lease and no live process of that uid. Throws when every uid
 * of the range is taken or the directory cannot be written.
 */
export async function leaseSandboxId(dir: string = LEASE_DIR): Promise<SandboxIdLease> {
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  const owner = await identity(Deno.pid);
  if (owner === undefined) throw new Error("Cannot lease a sandbox uid: /proc/self is unreadable");
  const size = LEASED_IDS.last - LEASED_IDS.first + 1;
  const offset = crypto.getRandomValues(new Uint32Array(1))[0]! % size;
  for (let k = 0; k < size; k++) {
    const id = LEASED_IDS.first + (offset + k) % size;
    const path = join(dir, String(id));
    if (!await create(path, owner) && !(await takeOver(path) && await create(path, owner))) {
      continue;
    }
    if (await uidInUse(id)) {
      // A survivor of an audit that died still runs as this uid: keep the lease out of use.
      continue;
    }
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      const text = await Deno.readTextFile(path).catch(() => "");
      if (text.trim() === owner) await Deno.remove(path).catch(() => {});
    };
    return { id, release };
  }
  throw new Error(
    `Cannot lease a sandbox uid: all of ${LEASED_IDS.first}–${LEASED_IDS.last} are in use`,
  );
}
