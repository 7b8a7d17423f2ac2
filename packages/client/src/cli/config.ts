// Stored credentials: one JSON file of named profiles (server, organization, API key or tokens), readable by the
// owner only (0600). TENANTRY_CONFIG moves it; the default is $XDG_CONFIG_HOME/tenantry/config.json.
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";

export interface Profile {
  baseUrl: string;
  organization?: string | null;
  apiKey?: string;
  accessToken?: string;
  refreshToken?: string;
}

export interface Config {
  currentProfile: string;
  profiles: Record<string, Profile>;
}

/** `env` is the process environment the CLI was started with (main.ts); tests pass their own. */
export function configPath(env: NodeJS.ProcessEnv): string {
  if (env.TENANTRY_CONFIG) return env.TENANTRY_CONFIG;
  const base = env.XDG_CONFIG_HOME ?? path.join(homedir(), ".config");
  return path.join(base, "tenantry", "config.json");
}

export async function loadConfig(file: string): Promise<Config> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (text === null) return { currentProfile: "default", profiles: {} };
  const parsed = JSON.parse(text) as Partial<Config>;
  return { currentProfile: parsed.currentProfile ?? "default", profiles: parsed.profiles ?? {} };
}

/** Written to a temporary file created 0600 and renamed over, so the secret is never briefly world-readable. */
export async function saveConfig(config: Config, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
