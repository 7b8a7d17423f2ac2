// Nested data: members who are not in a members-only project never see it or anything under it, in any answer of
// any organization procedure, whether the input names the open project (lists, analytics, teams) or the hidden one.
import { describe, expect, it } from "vitest";

import type { RoleKey, World } from "./factory.ts";
import { appRouter } from "../../src/index.ts";
import { CALLER_KINDS, callPath, procedureEntries, serialized } from "./callers.ts";
import { createWorld, hiddenNeedlesOf } from "./factory.ts";
import { inputCases } from "./inputs.ts";
import { inputText, judge } from "./judge.ts";

const orgProcedures = procedureEntries(appRouter).filter((p) => p.permission !== undefined);
const [session] = CALLER_KINDS;
/** Members without project.manage_all who are not members of the hidden project. */
const OUTSIDERS: RoleKey[] = ["CUSTOM_NONE", "VIEWER", "MEMBER"];

/** The world as a procedure sees it when every "project" input names the members-only project instead. */
const hiddenView = (w: World): World => ({ ...w, project: w.hiddenProject });

describe("nested data under a members-only project", () => {
  it.concurrent.each(orgProcedures)(
    "$path shows outsiders nothing of it",
    async ({ path, type, permission }) => {
      expect(session).toBeDefined();
      if (!session) return;
      const w = await createWorld("Hidden");
      const needles = hiddenNeedlesOf(w);
      const problems: string[] = [];
      const all = [
        ...(inputCases(path, w, w) ?? []),
        ...(inputCases(path, hiddenView(w), w) ?? []),
      ];
      const cases = all.filter(
        (c, i) => all.findIndex((d) => inputText(d.input) === inputText(c.input)) === i,
      );
      for (const role of OUTSIDERS) {
        const caller = (await session.signIn(w.members[role].user))(w.org.id);
        for (const { input } of cases) {
          const outcome = await callPath(caller, path, input);
          const problem = await judge(
            needles,
            { path, type, orgScoped: true, headerIsA: false, input, expectation: undefined },
            outcome,
            (probe) => callPath(caller, path, probe),
          );
          if (problem) {
            problems.push(
              `${role} (${permission}): ${problem} [${serialized(outcome).slice(0, 200)}]`,
            );
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );
});
