// `tenantry login --email` asks for the password on the terminal with echo off when neither --password-stdin nor
// TENANTRY_PASSWORD gives it: the real executable under a pseudo-terminal (util-linux `script`), the hidden read on
// its own, and the CLI's choice between the three sources. The password never has a command-line option.
import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "@tenantry/auth";
import { addMember, admin, createTenant } from "@tenantry/core/testing";
import { newId } from "@tenantry/db";

import type { Io } from "../src/cli/session.ts";
import { run } from "../src/cli/program.ts";
import { PromptCancelledError, readHidden } from "../src/cli/prompt.ts";
import { startServer } from "./server.ts";

const PACKAGE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const PASSWORD = "correct horse battery staple";

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

async function userWithPassword(): Promise<{ email: string; slug: string }> {
  const { org } = await createTenant("Prompt");
  const email = `prompt-${newId()}@example.test`;
  const userId = newId();
  await admin.query(
    `INSERT INTO users (id, email, name, password_hash, email_verified, updated_at)
     VALUES ($1, $2, 'Prompt', $3, now(), now())`,
    [userId, email, await hashPassword(PASSWORD)],
  );
  await addMember(org.id, userId, "MEMBER");
  return { email, slug: org.slug };
}

const tempConfig = async () =>
  path.join(await mkdtemp(path.join(tmpdir(), "tenantry-prompt-")), "config.json");

/** Resolves once `child`'s output contains `text` (the terminal's screen, echoed input included). */
function waitFor(child: ChildProcessWithoutNullStreams, seen: { text: string }, text: string) {
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (!seen.text.includes(text)) return;
      child.stdout.off("data", check);
      resolve();
    };
    child.stdout.on("data", check);
    child.once("exit", () => reject(new Error(`exited before showing ${text}: ${seen.text}`)));
    check();
  });
}

describe("tenantry login on a terminal", () => {
  it("asks for the password without echoing it, and signs in", async () => {
    const { email, slug } = await userWithPassword();
    const configFile = await tempConfig();
    // An empty TENANTRY_PASSWORD counts as none (an inherited one must not answer for the terminal).
    const command = [
      `TENANTRY_CONFIG=${configFile}`,
      "TENANTRY_PASSWORD=",
      path.join(PACKAGE, "node_modules/.bin/tsx"),
      path.join(PACKAGE, "src/cli/main.ts"),
      "login",
      "--url",
      server.baseUrl,
      "--email",
      email,
    ].join(" ");
    // `script` gives the CLI a pseudo-terminal for stdin/stdout/stderr; what we write is typed on its keyboard.
    const child = spawn("script", ["--quiet", "--return", "--command", command, "/dev/null"]);
    const seen = { text: "" };
    child.stdout.on("data", (chunk: Buffer) => (seen.text += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    await waitFor(child, seen, `Password for ${email}: `);
    child.stdin.write(`${PASSWORD}\r`);
    expect(await exited).toBe(0);
    expect(seen.text).toContain(`Signed in to`);
    expect(seen.text).toContain(slug);
    expect(seen.text).not.toContain(PASSWORD);
    const stored = JSON.parse(await readFile(configFile, "utf8")) as {
      profiles: { default: Record<string, unknown> };
    };
    expect(stored.profiles.default).toMatchObject({ baseUrl: server.baseUrl });
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
  }, 60_000);
});

/** A stand-in terminal: records raw mode, and delivers keystrokes the test types. */
function fakeTerminal(isTTY = true) {
  const events = new EventEmitter();
  const modes: boolean[] = [];
  const input = {
    isTTY,
    isRaw: false,
    setRawMode: (mode: boolean) => modes.push(mode),
    setEncoding: () => undefined,
    resume: () => undefined,
    pause: () => undefined,
    on: (event: "data", fn: (chunk: string) => void) => events.on(event, fn),
    off: (event: "data", fn: (chunk: string) => void) => events.off(event, fn),
  };
  return { input, modes, type: (keys: string) => events.emit("data", keys) };
}

describe("readHidden", () => {
  it("reads a line in raw mode, honours Backspace, echoes nothing, and restores the terminal", async () => {
    const term = fakeTerminal();
    let shown = "";
    const read = readHidden("Password: ", term.input, (t) => (shown += t));
    term.type("secrex");
    term.type("\u007ft");
    term.type("\r");
    expect(await read).toBe("secret");
    expect(shown).toBe("Password: \n");
    expect(term.modes).toEqual([true, false]);
  });

  it("cancels on Ctrl-C and answers null without a terminal", async () => {
    const term = fakeTerminal();
    const read = readHidden("Password: ", term.input, () => undefined);
    term.type("abc\u0003");
    await expect(read).rejects.toBeInstanceOf(PromptCancelledError);
    expect(term.modes).toEqual([true, false]);
    expect(await readHidden("Password: ", fakeTerminal(false).input, () => undefined)).toBeNull();
  });
});

describe("where login takes the password from", () => {
  const login = async (opts: {
    env?: Record<string, string>;
    stdin?: string;
    secret: string | null;
    args?: string[];
  }) => {
    const { email } = await userWithPassword();
    const asked: string[] = [];
    let stderr = "";
    const io: Io = {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      env: { TENANTRY_CONFIG: await tempConfig(), ...opts.env },
      fetch: globalThis.fetch,
      readStdin: () => Promise.resolve(opts.stdin ?? ""),
      readSecret: (prompt) => {
        asked.push(prompt);
        return Promise.resolve(opts.secret);
      },
    };
    const args = ["login", "--url", server.baseUrl, "--email", email, ...(opts.args ?? [])];
    return { code: await run(args, io), asked, stderr, email };
  };

  it("asks on the terminal only when neither stdin nor the environment gives it", async () => {
    const prompted = await login({ secret: PASSWORD });
    expect(prompted.code).toBe(0);
    expect(prompted.asked).toEqual([`Password for ${prompted.email}: `]);
    const fromEnv = await login({ env: { TENANTRY_PASSWORD: PASSWORD }, secret: "unused" });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.asked).toEqual([]);
    const fromStdin = await login({
      stdin: `${PASSWORD}\n`,
      args: ["--password-stdin"],
      secret: "x",
    });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.asked).toEqual([]);
  });

  it("refuses with a usage exit when there is no terminal to ask on, and has no --password option", async () => {
    const noTerminal = await login({ secret: null });
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain("--password-stdin");
    const onCommandLine = await login({ secret: null, args: ["--password", PASSWORD] });
    expect(onCommandLine.code).toBe(2);
    const wrong = await login({ secret: "not the password" });
    expect(wrong.code).toBe(3);
  });
});
