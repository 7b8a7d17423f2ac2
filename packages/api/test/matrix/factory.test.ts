// The factory covers every tenant model: a model added with organizationId and no fixture row fails here, and with
// it every matrix that relies on "one of each object" being true.
import { describe, expect, it } from "vitest";

import { createWorld } from "./factory.ts";
import { rowCounts, tenantModelsOfSchema, tenantTables } from "./tenant-state.ts";

describe("matrix fixture factory", () => {
  it("writes at least one row of every model with organizationId", async () => {
    const world = await createWorld("Coverage");
    const models = await tenantModelsOfSchema();
    expect(models.length).toBeGreaterThan(15);
    // The schema and the migrated database agree on which tables are tenant tables.
    expect(models.map((m) => m.table).sort()).toEqual(await tenantTables());
    const counts = await rowCounts(world.org.id);
    const missing = models.filter((m) => (counts[m.table] ?? 0) === 0);
    expect(missing, "models without a fixture row in test/matrix/factory.ts").toEqual([]);
  });

  it("gives every organization its own rows", async () => {
    const [a, b] = [await createWorld("A"), await createWorld("B")];
    expect(a.org.id).not.toBe(b.org.id);
    expect(a.ids.filter((id) => b.ids.includes(id))).toEqual([]);
  });
});
