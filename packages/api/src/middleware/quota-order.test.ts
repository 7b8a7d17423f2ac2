// API clients are metered before the tenant transaction opens: the quota's Redis round trip must never run while a
// transaction holds a pooled connection (orgProcedure, middleware/org-steps.ts).
import { afterEach, expect, it, vi } from "vitest";

import { startTokenSession } from "@tenantry/auth";
import { getApiQuota } from "@tenantry/core/organization/api-quota";

import { callerAs, createTenant, db } from "../../test/fixtures.ts";
import { bearerCaller, testClient } from "../../test/identity-fixtures.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

it("consumes the API quota while no transaction of the request is open", async () => {
  const { user } = await createTenant("Metered order");
  const { tokens } = await startTokenSession(db, user.id, testClient());
  let open = 0;
  const openAtConsume: number[] = [];
  const transaction = db.$transaction.bind(db);
  // Counts the transactions open at any moment; withTenantTransaction opens each through db.$transaction.
  const transactions = vi
    .spyOn(db, "$transaction")
    .mockImplementation((...args: Parameters<typeof transaction>) => {
      open += 1;
      return transaction(...args).finally(() => {
        open -= 1;
      });
    });
  const quota = getApiQuota();
  const consume = quota.consume.bind(quota);
  vi.spyOn(quota, "consume").mockImplementation((...args) => {
    openAtConsume.push(open);
    return consume(...args);
  });

  const usage = await bearerCaller(tokens.accessToken).plan.usage();

  expect(usage.plan).toBe("FREE");
  expect(openAtConsume).toEqual([0]);
  // The counter saw the request's transactions: the short one resolving the membership, then the tenant one.
  expect(transactions.mock.calls.length).toBeGreaterThanOrEqual(2);
});

it("reads the month's API usage for the dashboard while no transaction of the request is open", async () => {
  const { org, user } = await createTenant("Usage order");
  let open = 0;
  const openAtRead: number[] = [];
  const transaction = db.$transaction.bind(db);
  vi.spyOn(db, "$transaction").mockImplementation((...args: Parameters<typeof transaction>) => {
    open += 1;
    return transaction(...args).finally(() => {
      open -= 1;
    });
  });
  const quota = getApiQuota();
  const monthUsage = quota.monthUsage.bind(quota);
  vi.spyOn(quota, "monthUsage").mockImplementation((...args) => {
    openAtRead.push(open);
    return monthUsage(...args);
  });

  const usage = await callerAs(user, org.id).plan.usage();

  expect(usage.usage.apiRequestsThisMonth).toBe(0);
  expect(openAtRead).toEqual([0]);
});
