import { describe, expect, it } from "vitest";

import { decideOutboxScope } from "./outbox-access";

const base = {
  open: false,
  mailSent: false,
  forRecipients: true,
  platformAdmin: false,
  sessionEmail: null,
  passEmail: null,
};

describe("decideOutboxScope", () => {
  it("shows a signed-in user only their own mail, and a platform admin all of it", () => {
    expect(decideOutboxScope({ ...base, sessionEmail: "Me@Example.com" })).toEqual({
      kind: "own",
      to: "me@example.com",
    });
    expect(
      decideOutboxScope({ ...base, sessionEmail: "admin@x.dev", platformAdmin: true }),
    ).toEqual({ kind: "all", reason: "admin" });
  });

  it("lets an unverified user holding a pass read the mail to that address only", () => {
    expect(decideOutboxScope({ ...base, passEmail: "new@example.com" })).toEqual({
      kind: "own",
      to: "new@example.com",
    });
    // Signed in as someone else: the session's own address wins.
    expect(
      decideOutboxScope({ ...base, sessionEmail: "me@example.com", passEmail: "new@example.com" }),
    ).toEqual({ kind: "own", to: "me@example.com" });
  });

  it("is closed to anonymous visitors, without the launcher's flag, and whenever SMTP sends the mail", () => {
    expect(decideOutboxScope(base)).toBeNull();
    expect(
      decideOutboxScope({ ...base, forRecipients: false, sessionEmail: "me@x.dev" }),
    ).toBeNull();
    expect(
      decideOutboxScope({ ...base, mailSent: true, platformAdmin: true, sessionEmail: "a@x.dev" }),
    ).toBeNull();
    // Development and e2e keep the local tool open.
    expect(decideOutboxScope({ ...base, open: true })).toEqual({
      kind: "all",
      reason: "development",
    });
  });
});
