// The client a command runs with: the chosen profile's credential, refreshed once when an access token expired.
import type { TenantryClient } from "../client.ts";
import type { Config, Profile } from "./config.ts";
import { createTenantryClient } from "../client.ts";
import { isTenantryError, TenantryError } from "../errors.ts";
import { tokenRefresh } from "../token-login.ts";
import { loadConfig, saveConfig } from "./config.ts";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  fetch: typeof fetch;
  readStdin: () => Promise<string>;
  /** Asks for a secret on the terminal with echo off; null when there is no terminal to ask on. */
  readSecret: (prompt: string) => Promise<string | null>;
}

export interface GlobalOptions {
  profile?: string;
  org?: string;
  json?: boolean;
}

export function clientFor(profile: Profile, io: Io, organization?: string): TenantryClient {
  const common = {
    baseUrl: profile.baseUrl,
    organization: organization ?? profile.organization ?? null,
    fetch: io.fetch,
  };
  if (profile.apiKey) return createTenantryClient({ ...common, apiKey: profile.apiKey });
  if (profile.accessToken)
    return createTenantryClient({ ...common, accessToken: profile.accessToken });
  throw new TenantryError("UNAUTHORIZED", "Not signed in: run `tenantry login` first");
}

export async function profileOf(
  opts: GlobalOptions,
  configFile: string,
): Promise<{ config: Config; name: string; profile: Profile }> {
  const config = await loadConfig(configFile);
  const name = opts.profile ?? config.currentProfile;
  const profile = config.profiles[name];
  if (!profile)
    throw new TenantryError("UNAUTHORIZED", `No profile "${name}": run \`tenantry login\` first`);
  return { config, name, profile };
}

/** Runs `fn` with the profile's client; an expired access token is refreshed (and stored) once, then retried. */
export async function withClient<T>(
  opts: GlobalOptions,
  io: Io,
  configFile: string,
  fn: (client: TenantryClient) => Promise<T>,
): Promise<T> {
  const { config, name, profile } = await profileOf(opts, configFile);
  try {
    return await fn(clientFor(profile, io, opts.org));
  } catch (error) {
    if (!(isTenantryError(error) && error.code === "UNAUTHORIZED" && profile.refreshToken))
      throw error;
    const tokens = await tokenRefresh(profile.baseUrl, profile.refreshToken, io.fetch);
    const refreshed = { ...profile, ...tokens };
    await saveConfig(
      { ...config, profiles: { ...config.profiles, [name]: refreshed } },
      configFile,
    );
    return fn(clientFor(refreshed, io, opts.org));
  }
}
