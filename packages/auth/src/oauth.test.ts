import { describe, expect, it } from "vitest";

import { githubVerifiedPrimaryEmail, oauthProviderConfigs } from "./oauth.ts";

describe("OAuth providers from env", () => {
  it("enables none when nothing is set", () => {
    expect(oauthProviderConfigs({})).toEqual([]);
  });

  it("enables a provider only when both its id and secret are set", () => {
    expect(oauthProviderConfigs({ AUTH_GITHUB_ID: "gh-id" })).toEqual([]);
    expect(oauthProviderConfigs({ AUTH_GOOGLE_SECRET: "g-secret" })).toEqual([]);
    expect(oauthProviderConfigs({ AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "" })).toEqual([]);
    expect(
      oauthProviderConfigs({ AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "gh-secret" }),
    ).toEqual([{ id: "github", name: "GitHub", clientId: "gh-id", clientSecret: "gh-secret" }]);
    expect(
      oauthProviderConfigs({ AUTH_GOOGLE_ID: "g-id", AUTH_GOOGLE_SECRET: "g-secret" }),
    ).toEqual([{ id: "google", name: "Google", clientId: "g-id", clientSecret: "g-secret" }]);
  });

  it("enables both, GitHub first", () => {
    const ids = oauthProviderConfigs({
      AUTH_GITHUB_ID: "gh-id",
      AUTH_GITHUB_SECRET: "gh-secret",
      AUTH_GOOGLE_ID: "g-id",
      AUTH_GOOGLE_SECRET: "g-secret",
    }).map((p) => p.id);
    expect(ids).toEqual(["github", "google"]);
  });
});

describe("GitHub email trust", () => {
  it("takes only the primary address, and only when GitHub verified it", () => {
    expect(
      githubVerifiedPrimaryEmail([
        { email: "other@example.test", primary: false, verified: true },
        { email: "main@example.test", primary: true, verified: true },
      ]),
    ).toBe("main@example.test");
    expect(
      githubVerifiedPrimaryEmail([
        { email: "other@example.test", primary: false, verified: true },
        { email: "main@example.test", primary: true, verified: false },
      ]),
    ).toBeNull();
    expect(githubVerifiedPrimaryEmail([])).toBeNull();
    expect(githubVerifiedPrimaryEmail({ message: "Bad credentials" })).toBeNull();
  });
});
