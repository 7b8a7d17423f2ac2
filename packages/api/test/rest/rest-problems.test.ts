// RFC 7807 answers of /api/v1: every error class has the problem shape and the status of its domain error.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";

import {
  ConflictError,
  fieldError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  RateLimitedError,
  UnauthenticatedError,
} from "@tenantry/core";

import { PROBLEM_CONTENT_TYPE, toProblem } from "../../src/rest/index.ts";
import { createTenant, createUser } from "../fixtures.ts";
import { accessTokenFor, restClient } from "./rest-client.ts";

function expectProblem(
  result: { status: number; headers: Headers; body: unknown },
  status: number,
) {
  expect(result.status).toBe(status);
  expect(result.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  expect(result.body).toMatchObject({
    type: expect.stringMatching(/^\/api\/docs#problem-[a-z-]+$/) as unknown,
    title: expect.any(String) as unknown,
    status,
    detail: expect.any(String) as unknown,
    instance: expect.stringMatching(/^\/api\/v1\//) as unknown,
    requestId: expect.stringMatching(/^req-/) as unknown,
  });
}

describe("REST problems over HTTP", () => {
  it("answers 401 without a credential and with a bad token", async () => {
    expectProblem(await restClient(null)("GET", "/tasks"), 401);
    expectProblem(await restClient("not-a-token")("GET", "/tasks"), 401);
  });

  it("answers 404 for an unknown route and 405 with Allow for a wrong method", async () => {
    const { user } = await createTenant("Problems");
    const rest = restClient(await accessTokenFor(user));
    expectProblem(await rest("GET", "/nowhere"), 404);
    const wrong = await rest("PUT", "/tasks");
    expectProblem(wrong, 405);
    expect(wrong.headers.get("allow")).toBe("GET, POST");
  });

  it("answers 422 with JSON pointers for invalid input, and 400 for a body that is not JSON", async () => {
    const { user } = await createTenant("Problems");
    const rest = restClient(await accessTokenFor(user));
    const invalid = await rest("POST", "/projects", { body: { name: "", key: 7 } });
    expectProblem(invalid, 422);
    const pointers = (invalid.body as { errors: { pointer: string }[] }).errors.map(
      (e) => e.pointer,
    );
    expect(pointers).toEqual(expect.arrayContaining(["/name", "/key"]));
    expectProblem(await rest("POST", "/projects", { rawBody: "{nope" }), 400);
    const badLimit = await rest("GET", "/tasks", { query: { limit: "100000" } });
    expectProblem(badLimit, 422);
    expect((badLimit.body as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe("/limit");
  });

  it("answers 403 when the role lacks the permission, 404 for a missing object, 409 on a conflict", async () => {
    const { org, user } = await createTenant("Problems", "VIEWER");
    const viewer = restClient(await accessTokenFor(user), { org: org.id });
    expectProblem(await viewer("POST", "/tags", { body: { name: "x", color: "#1d4ed8" } }), 403);
    expectProblem(await viewer("GET", "/tasks/00000000-0000-4000-8000-000000000000"), 404);
    const owner = await createTenant("Conflicts");
    const rest = restClient(await accessTokenFor(owner.user), { org: owner.org.id });
    const tag = { name: "dup", color: "#1d4ed8" };
    expect((await rest("POST", "/tags", { body: tag })).status).toBe(201);
    expectProblem(await rest("POST", "/tags", { body: tag }), 409);
  });

  it("answers 403 for an organization the caller is not a member of", async () => {
    const other = await createTenant("Elsewhere");
    const rest = restClient(await accessTokenFor(await createUser()));
    const result = await rest("GET", "/tasks", { org: other.org.id });
    expect([403, 404]).toContain(result.status);
    expectProblem(result, result.status);
  });
});

describe("toProblem maps every domain error in one place", () => {
  const cases: [unknown, number, string][] = [
    [new NotFoundError("Task not found"), 404, "not-found"],
    [new ForbiddenError("No"), 403, "forbidden"],
    [new ConflictError("Taken"), 409, "conflict"],
    [fieldError("name", "Name is taken"), 422, "validation"],
    [new UnauthenticatedError("Sign in"), 401, "unauthorized"],
    [new PreconditionFailedError("Upgrade"), 412, "precondition-failed"],
    [new PayloadTooLargeError("Too big"), 413, "payload-too-large"],
    [new RateLimitedError("Slow down", 30), 429, "rate-limited"],
    [new TRPCError({ code: "BAD_REQUEST", message: "Bad" }), 400, "bad-request"],
  ];
  it.each(cases)("%s → %i", (error, status, slug) => {
    const { status: got, body } = toProblem(error, "req-1", "/api/v1/x");
    expect(got).toBe(status);
    expect(body.type).toBe(`/api/docs#problem-${slug}`);
    expect(body.status).toBe(status);
  });

  it("puts the field error's pointer in errors and Retry-After on a rate limit", () => {
    expect(toProblem(fieldError("name", "Name is taken"), "r", "/i").body.errors).toEqual([
      { pointer: "/name", detail: "Name is taken" },
    ]);
    expect(toProblem(new RateLimitedError("Slow", 12.2), "r", "/i").headers["retry-after"]).toBe(
      "13",
    );
  });

  it("answers 500 with only a generic message and the request id", () => {
    const { status, body } = toProblem(
      new Error("SELECT secret FROM db at 10.0.0.5:5432"),
      "req-42",
      "/i",
    );
    expect(status).toBe(500);
    expect(body.detail).not.toContain("secret");
    expect(body.detail).toContain("req-42");
    expect(body.requestId).toBe("req-42");
  });
});
