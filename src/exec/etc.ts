/**
 * The minimal `/etc` of the sandbox: generated account files for the sandbox uid, and the host
 * entries programs need (certificates, the loader cache, name service, time zone, pip's global
 * configuration). No shadow files, no ssh keys, no credentials.
 * @module
 */
import { join } from "node:path";

/** Host `/etc` entries shown read-only (each only when it exists). */
export const HOST_ETC = [
  "/etc/alternatives",
  "/etc/ca-certificates",
  "/etc/ca-certificates.conf",
  "/etc/ssl/certs",
  "/etc/ssl/openssl.cnf",
  "/etc/ld.so.cache",
  "/etc/ld.so.conf",
  "/etc/ld.so.conf.d",
  "/etc/localtime",
  "/etc/timezone",
  "/etc/nsswitch.conf",
  "/etc/host.conf",
  "/etc/gai.conf",
  "/etc/hosts",
  "/etc/resolv.conf",
  "/etc/protocols",
  "/etc/services",
  "/etc/mime.types",
  "/etc/os-release",
  "/etc/terminfo",
  "/etc/pip.conf",
  "/etc/xdg/pip",
  "/etc/python3",
  "/etc/python3.11",
  "/etc/python3.12",
  "/etc/python3.13",
] as const;

/** The generated files, relative to the generated directory and to `/etc`. */
export const GENERATED_ETC = ["passwd", "group", "hostname"] as const;

/** The content of the generated files for the sandbox `id` (uid = gid) and its `home`. */
export function etcFiles(id: number, home: string): Record<typeof GENERATED_ETC[number], string> {
  return {
    passwd: `root:x:0:0:root:/nonexistent:/usr/sbin/nologin\n` +
      `sandbox:x:${id}:${id}:claimcheck sandbox:${home}:/bin/sh\n` +
      `nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
    group: `root:x:0:\nsandbox:x:${id}:\nnogroup:x:65534:\n`,
    hostname: "sandbox\n",
  };
}

/** Writes the generated files into `dir` (created when missing). */
export async function writeEtc(dir: string, id: number, home: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const files = etcFiles(id, home);
  for (const name of GENERATED_ETC) await Deno.writeTextFile(join(dir, name), files[name]);
}
