// The layer rule and the shape of the code, enforced instead of remembered (like packages/api/src/procedures.test.ts):
// validators <- db <- auth <- core <- api; the domain knows nothing of tRPC, Next.js or the API; no import cycles;
// no source file over 400 lines in the packages, apps, bench/ and tooling/ (tests, migrations and generated code aside).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const LAYERS = ["validators", "db", "auth", "core", "api"] as const;
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated" || name === "migrations") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
/** Test-only workspace packages under tooling/ (fake servers), importable by tests and their fixtures alone. */
const TEST_TOOLING = new Set(["fake-openai"]);
const isTestSupport = (file: string) => isTest(file) || /fixtures?\.ts$/.test(file);
const rel = (file: string) => path.relative(root, file);

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) if (match[1]) found.push(match[1]);
  }
  return found;
}

const packageSources = LAYERS.map((layer) => ({
  layer,
  files: sourceFiles(path.join(root, "packages", layer, "src")),
}));

/**
 * Everything the line limit applies to: the layered packages, the client package and the apps, and the code beside
 * them that is read and changed as often (benchmarks, test tooling such as the fake OpenAI server).
 */
const lengthCheckedFiles = () => [
  ...packageSources.flatMap(({ files }) => files),
  ...sourceFiles(path.join(root, "packages/client/src")),
  ...["web", "worker"].flatMap((app) => sourceFiles(path.join(root, "apps", app, "src"))),
  ...sourceFiles(path.join(root, "bench")),
  ...sourceFiles(path.join(root, "tooling")),
];

/** Files over the limit whose split is under way elsewhere, by path, with who is splitting them. */
const SPLIT_PENDING: Record<string, string> = {
  "bench/http/run.ts":
    "the HTTP benchmark runner, split by use case on the perfapi branch (2026-12-02)",
};

describe("architecture", () => {
  it("keeps the domain free of tRPC, Next.js, HTTP frameworks and the API", () => {
    const forbidden = /^(@trpc\/|next($|\/)|next-auth|@tenantry\/api($|\/)|superjson)/;
    const core = [
      ...sourceFiles(path.join(root, "packages/core/src")),
      ...sourceFiles(path.join(root, "packages/core/test")),
    ];
    const offenders = core.flatMap((file) =>
      specifiers(file)
        .filter((s) => forbidden.test(s))
        .map((s) => `${rel(file)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it("imports only down the layers: validators <- db <- auth <- core <- api", () => {
    const offenders: string[] = [];
    for (const { layer, files } of packageSources) {
      const rank = LAYERS.indexOf(layer);
      for (const file of files) {
        for (const s of specifiers(file)) {
          const target = /^@tenantry\/([a-z-]+)/.exec(s)?.[1];
          if (!target || target === layer || target === "eslint-config" || target === "tsconfig") {
            continue;
          }
          if (TEST_TOOLING.has(target) && isTestSupport(file)) continue;
          const targetRank = LAYERS.indexOf(target as (typeof LAYERS)[number]);
          if (targetRank === -1 || targetRank > rank) offenders.push(`${rel(file)} imports ${s}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("has no import cycle among the source files of any package", () => {
    const graph = new Map<string, string[]>();
    for (const { files } of packageSources) {
      for (const file of files.filter((f) => !isTest(f))) {
        const targets = specifiers(file)
          .filter((s) => s.startsWith("."))
          .map((s) => path.resolve(path.dirname(file), s.replace(/\?.*$/, "")))
          .map((target) =>
            [target, `${target}.ts`, `${target}.tsx`, path.join(target, "index.ts")].find(
              (candidate) => files.includes(candidate),
            ),
          )
          .filter((target): target is string => target !== undefined && !isTest(target));
        graph.set(file, targets);
      }
    }
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "open") {
          cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(" -> "));
        } else if (!state.has(next)) {
          visit(next);
        }
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it(`keeps every source file of the packages, apps, benchmarks and tooling under ${MAX_LINES} lines`, () => {
    const long = lengthCheckedFiles()
      .filter((file) => !isTest(file))
      .map((file) => ({ file: rel(file), lines: readFileSync(file, "utf8").split("\n").length }))
      .filter(({ file, lines }) => lines > MAX_LINES && !(file in SPLIT_PENDING));
    expect(long).toEqual([]);
  });

  it("lists as pending a split only files that are still over the limit", () => {
    // Once a pending file is split, its entry must go, so the exemption cannot outlive the reason for it.
    const stale = Object.keys(SPLIT_PENDING).filter((file) => {
      const full = path.join(root, file);
      return !existsSync(full) || readFileSync(full, "utf8").split("\n").length <= MAX_LINES;
    });
    expect(stale).toEqual([]);
  });

  it("finds the files it checks", () => {
    // Guards the checks above against passing vacuously on a wrong root.
    const core = packageSources.find((p) => p.layer === "core")?.files ?? [];
    expect(core.map(rel)).toContain("packages/core/src/work/task.ts");
    expect(specifiers(path.join(root, "packages/core/src/work/task.ts"))).toContain("./project.ts");
    const checked = lengthCheckedFiles().map(rel);
    for (const file of [
      "packages/client/src/index.ts",
      "apps/web/src/trpc/server.tsx",
      "bench/src/report.ts",
      "tooling/fake-openai/src/index.ts",
    ]) {
      expect(checked).toContain(file);
    }
  });
});
