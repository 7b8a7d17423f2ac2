// projects, tasks, members, audit export and api-keys: thin commands over the typed client.
import type { Command } from "commander";

import type { Context } from "./program.ts";
import { IDEMPOTENT_CONTEXT } from "../client.ts";
import { paginate } from "../paginate.ts";
import { printOne, printRows } from "./output.ts";
import { withClient } from "./session.ts";

const TASK_COLUMNS = ["id", "reference", "title", "status", "priority"] as const;
const KEY_COLUMNS = [
  "id",
  "name",
  "hint",
  "scopes",
  "expiresAt",
  "lastUsedAt",
  "revokedAt",
] as const;
const collect = (value: string, previous: string[] = []) => [...previous, value];

type Status = "TODO" | "IN_PROGRESS" | "IN_REVIEW" | "DONE" | "ARCHIVED";
type Priority = "LOW" | "MEDIUM" | "HIGH" | "URGENT";

export function registerWorkCommands(program: Command, ctx: Context): void {
  const call = <T>(fn: Parameters<typeof withClient<T>>[3]) =>
    withClient(ctx.globals(), ctx.io, ctx.configFile, fn);

  const projects = program.command("projects").description("Projects of the organization");
  projects
    .command("list", { isDefault: true })
    .option("--archived", "include archived projects")
    .action(async (opts: { archived?: boolean }) => {
      const rows = await call(async (client) => {
        const all = [];
        const pages = paginate((cursor) =>
          client.project.list.query({
            cursor,
            limit: 100,
            includeArchived: opts.archived ?? false,
          }),
        );
        for await (const project of pages) all.push(project);
        return all;
      });
      printRows(ctx.out(), rows, ["id", "key", "name", "visibility"]);
    });
  projects
    .command("create <name>")
    .option("--key <key>", "short upper-case key (derived from the name when omitted)")
    .option("--description <text>")
    .action(async (name: string, opts: { key?: string; description?: string }) => {
      const project = await call((client) =>
        client.project.create.mutate({ name, key: opts.key, description: opts.description }),
      );
      printOne(ctx.out(), project, ["id", "key", "name"]);
    });

  const tasks = program.command("tasks").description("Tasks");
  tasks
    .command("list", { isDefault: true })
    .option("--project <id>", "only this project's tasks")
    .option(
      "--status <status>",
      "TODO, IN_PROGRESS, IN_REVIEW, DONE or ARCHIVED (repeatable)",
      collect,
    )
    .action(async (opts: { project?: string; status?: Status[] }) => {
      const rows = await call(async (client) => {
        const all = [];
        const pages = paginate((cursor) =>
          client.task.list.query({
            projectId: opts.project,
            status: opts.status,
            cursor,
            limit: 100,
          }),
        );
        for await (const task of pages) all.push(task);
        return all;
      });
      printRows(ctx.out(), rows, TASK_COLUMNS);
    });
  tasks
    .command("create")
    .requiredOption("--project <id>")
    .requiredOption("--title <title>")
    .option("--description <text>")
    .option("--priority <priority>", "LOW, MEDIUM, HIGH or URGENT")
    .action(
      async (opts: {
        project: string;
        title: string;
        description?: string;
        priority?: Priority;
      }) => {
        const task = await call((client) =>
          client.task.create.mutate({
            projectId: opts.project,
            title: opts.title,
            description: opts.description,
            priority: opts.priority,
          }),
        );
        printOne(ctx.out(), task, TASK_COLUMNS);
      },
    );
  tasks
    .command("update <id>")
    .option("--title <title>")
    .option("--description <text>")
    .option("--status <status>")
    .option("--priority <priority>")
    .action(
      async (
        id: string,
        opts: { title?: string; description?: string; status?: Status; priority?: Priority },
      ) => {
        const task = await call((client) =>
          client.task.update.mutate({ id, ...opts }, { context: IDEMPOTENT_CONTEXT }),
        );
        printOne(ctx.out(), task, TASK_COLUMNS);
      },
    );
  // Setting fields leaves the same task however often it runs: a dropped connection is retried (client.ts).
  tasks
    .command("close <id>")
    .description("Mark a task done")
    .action(async (id: string) => {
      const task = await call((client) =>
        client.task.update.mutate({ id, status: "DONE" }, { context: IDEMPOTENT_CONTEXT }),
      );
      printOne(ctx.out(), task, TASK_COLUMNS);
    });

  program
    .command("members")
    .description("Members of the organization")
    .action(async () => {
      const rows = await call(async (client) => {
        const all = [];
        for await (const member of paginate((cursor) =>
          client.member.list.query({ cursor, limit: 100 }),
        )) {
          all.push(member);
        }
        return all;
      });
      printRows(ctx.out(), rows, ["id", "name", "email", "role"]);
    });

  program
    .command("audit")
    .description("The audit log")
    .command("export")
    .description("Stream every entry as JSON lines to stdout (progress on stderr)")
    .action(async () => {
      let count = 0;
      await call(async (client) => {
        for await (const entry of paginate((cursor) =>
          client.audit.list.query({ cursor, limit: 100 }),
        )) {
          ctx.io.stdout(`${JSON.stringify(entry)}\n`);
          count++;
          if (count % 100 === 0) ctx.io.stderr(`exported ${count} entries…\n`);
        }
      });
      ctx.io.stderr(`exported ${count} entries\n`);
    });

  const keys = program.command("api-keys").description("The organization's API keys");
  keys.command("list", { isDefault: true }).action(async () => {
    printRows(ctx.out(), await call((client) => client.apiKey.list.query()), KEY_COLUMNS);
  });
  keys
    .command("create")
    .requiredOption("--name <name>")
    .requiredOption(
      "--scope <permission>",
      "a permission such as task.create (repeatable)",
      collect,
    )
    .option("--expires <date>", "ISO date or time after which the key stops")
    .option("--allow-ip <cidr>", "allow only this address or range (repeatable)", collect)
    .action(
      async (opts: { name: string; scope: string[]; expires?: string; allowIp?: string[] }) => {
        const created = await call((client) =>
          client.apiKey.create.mutate({
            name: opts.name,
            scopes: opts.scope as never,
            expiresAt: opts.expires ? new Date(opts.expires) : null,
            ipAllowlist: opts.allowIp ?? [],
          }),
        );
        if (ctx.out().json) ctx.io.stdout(`${JSON.stringify(created, null, 2)}\n`);
        else {
          printOne(ctx.out(), created.key, KEY_COLUMNS);
          ctx.io.stdout(`\nSecret (shown once): ${created.secret}\n`);
        }
      },
    );
  keys.command("revoke <id>").action(async (id: string) => {
    printOne(ctx.out(), await call((client) => client.apiKey.revoke.mutate({ id })), KEY_COLUMNS);
  });
}
