// The `tenantry` command tree. Built around an Io so tests run it in-process against a real server.
import { Command, CommanderError } from "commander";

import type { Out } from "./output.ts";
import type { GlobalOptions, Io } from "./session.ts";
import { isTenantryError } from "../errors.ts";
import { tokenLogin } from "../token-login.ts";
import { registerWorkCommands } from "./commands-work.ts";
import { configPath, loadConfig, saveConfig } from "./config.ts";
import { describeError, EXIT, exitCodeOf, printRows } from "./output.ts";
import { PromptCancelledError } from "./prompt.ts";
import { clientFor, profileOf, withClient } from "./session.ts";

export interface Context {
  io: Io;
  configFile: string;
  globals: () => GlobalOptions;
  out: () => Out;
}

/** The password from the terminal, with echo off; null without a terminal. Ctrl-C is a usage exit, not a crash. */
async function askPassword(io: Io, email: string): Promise<string | null> {
  try {
    return await io.readSecret(`Password for ${email}: `);
  } catch (error) {
    if (error instanceof PromptCancelledError)
      throw new CommanderError(EXIT.usage, "usage", "Cancelled");
    throw error;
  }
}

function registerAccountCommands(program: Command, ctx: Context): void {
  program
    .command("login")
    .description(
      "Sign in (email + password token login, or an API key) and store the credential in a profile",
    )
    .requiredOption("--url <url>", "server URL, e.g. https://tenantry.example.com")
    .option(
      "--email <email>",
      "sign in with email and password (asked for on the terminal, or TENANTRY_PASSWORD, or stdin)",
    )
    .option("--password-stdin", "read the password from standard input (for scripts)")
    .option("--api-key <key>", "use an organization API key (tnt_live_…); or set TENANTRY_API_KEY")
    .action(
      async (opts: { url: string; email?: string; passwordStdin?: boolean; apiKey?: string }) => {
        const { io, configFile } = ctx;
        const g = ctx.globals();
        const name = g.profile ?? "default";
        const apiKey = opts.apiKey ?? io.env.TENANTRY_API_KEY;
        let profile;
        if (apiKey) {
          profile = { baseUrl: opts.url, organization: null, apiKey };
        } else if (opts.email) {
          // Never an option of its own: a password on the command line ends up in shell history and `ps`.
          const fromEnv = io.env.TENANTRY_PASSWORD;
          const password = opts.passwordStdin
            ? (await io.readStdin()).trimEnd()
            : fromEnv !== undefined && fromEnv !== ""
              ? fromEnv
              : await askPassword(io, opts.email);
          if (!password)
            throw new CommanderError(
              EXIT.usage,
              "usage",
              "No password: run in a terminal to be asked, or use --password-stdin or TENANTRY_PASSWORD",
            );
          const tokens = await tokenLogin(opts.url, { email: opts.email, password }, io.fetch);
          profile = { baseUrl: opts.url, organization: g.org ?? null, ...tokens };
        } else {
          throw new CommanderError(EXIT.usage, "usage", "Give --email or --api-key");
        }
        // Proves the credential works before storing it; a key without organization.read still authenticated if
        // the answer is FORBIDDEN rather than UNAUTHORIZED.
        const current = await clientFor(profile, io, g.org)
          .organization.current.query()
          .catch((error: unknown) => {
            if (isTenantryError(error) && error.code === "FORBIDDEN") return null;
            throw error;
          });
        const config = await loadConfig(configFile);
        await saveConfig(
          { currentProfile: name, profiles: { ...config.profiles, [name]: profile } },
          configFile,
        );
        const where = current ? `${current.name} (${current.slug})` : "the key's organization";
        io.stderr(`Signed in to ${where} as profile "${name}"\n`);
      },
    );

  const profiles = program.command("profiles").description("Saved servers and organizations");
  profiles
    .command("list", { isDefault: true })
    .description("List profiles")
    .action(async () => {
      const config = await loadConfig(ctx.configFile);
      const rows = Object.entries(config.profiles).map(([name, p]) => ({
        name,
        current: name === config.currentProfile ? "*" : "",
        url: p.baseUrl,
        organization: p.organization ?? "",
        credential: p.apiKey ? "api key" : "token",
      }));
      printRows(ctx.out(), rows, ["current", "name", "url", "organization", "credential"]);
    });
  profiles
    .command("use <name>")
    .description("Make a profile the default")
    .action(async (name: string) => {
      const config = await loadConfig(ctx.configFile);
      if (!config.profiles[name])
        throw new CommanderError(EXIT.usage, "usage", `No profile "${name}"`);
      await saveConfig({ ...config, currentProfile: name }, ctx.configFile);
    });

  program
    .command("orgs")
    .description("Organizations you can act in (an API key: its own)")
    .action(async () => {
      const { profile } = await profileOf(ctx.globals(), ctx.configFile);
      const rows = await withClient(ctx.globals(), ctx.io, ctx.configFile, async (client) =>
        profile.apiKey
          ? [await client.organization.current.query()]
          : client.organization.mine.query(),
      );
      printRows(ctx.out(), rows, ["id", "slug", "name", "plan", "status"]);
    });
}

export function buildProgram(io: Io): Command {
  const program = new Command("tenantry")
    .description("Tenantry from the command line")
    .option("--profile <name>", "profile to use (default: the current one)")
    .option("--org <org>", "organization id or slug (default: the profile's)")
    .option("--json", "print JSON instead of tables")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const ctx: Context = {
    io,
    configFile: configPath(io.env),
    globals: () => program.opts<GlobalOptions>(),
    out: () => ({ json: program.opts<GlobalOptions>().json ?? false, write: io.stdout }),
  };
  registerAccountCommands(program, ctx);
  registerWorkCommands(program, ctx);
  return program;
}

/** Runs the CLI and answers its exit code; errors go to stderr, never a stack trace for an API error. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version")
        return EXIT.ok;
      if (error.code === "usage") io.stderr(`${error.message}\n`);
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr(`${describeError(error)}\n`);
    return exitCodeOf(error);
  }
}
