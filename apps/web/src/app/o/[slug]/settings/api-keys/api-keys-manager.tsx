"use client";

// API keys: create with scopes, expiry and an IP allowlist (the secret is shown once, to copy), list with last use,
// rotate (the old key keeps working for 24 hours) and revoke. Everything here needs apikey.manage.
import { useState } from "react";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";

import type { TCreatedApiKeyOutput, TPermission } from "@tenantry/validators";
import { PERMISSION_LABELS } from "@tenantry/validators";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { ConfirmRowAction, ItemList } from "~/components/lists/item-list";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useDates } from "~/lib/dates-context";
import { useTRPC } from "~/trpc/react";

function CreatedSecret(props: { created: TCreatedApiKeyOutput; onDone: () => void }) {
  return (
    <div
      role="status"
      className="space-y-2 rounded-md border border-amber-500 bg-amber-50 p-3 text-sm dark:bg-amber-950"
    >
      <p className="font-medium">
        Copy the key “{props.created.key.name}” now: it is not shown again.
      </p>
      <code
        data-testid="api-key-secret"
        className="block break-all rounded bg-background p-2 font-mono text-xs"
      >
        {props.created.secret}
      </code>
      <div className="flex gap-2">
        <Button
          size="sm"
          onClick={() => {
            void navigator.clipboard
              .writeText(props.created.secret)
              .then(() => toast.success("Key copied"));
          }}
        >
          Copy
        </Button>
        <Button size="sm" variant="ghost" onClick={props.onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

export function ApiKeysManager(props: { permissions: readonly TPermission[] }) {
  const { formatDateTime } = useDates();
  const when = (date: Date | null) => (date ? formatDateTime(date) : "—");
  const manage = useCan("apikey.manage");
  // Said before the form is filled: the plan's (or the organization's) API key limit is reached.
  const createGate = useCan("apikey.manage", { limit: "apiKeys" });
  const atLimit = createGate.reason?.kind === "plan-limit" ? createGate.reason : null;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: keys } = useSuspenseQuery(trpc.apiKey.list.queryOptions());
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TPermission[]>([]);
  const [expires, setExpires] = useState("");
  const [allowlist, setAllowlist] = useState("");
  const [created, setCreated] = useState<TCreatedApiKeyOutput | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.apiKey.pathFilter()),
      queryClient.invalidateQueries(trpc.plan.usage.queryFilter()),
    ]);
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: async (result) => {
        setCreated(result);
        setName("");
        setScopes([]);
        setExpires("");
        setAllowlist("");
        await refresh();
      },
    }),
  );
  const rotate = useMutation(
    trpc.apiKey.rotate.mutationOptions({
      onSuccess: async (result) => {
        setCreated(result);
        await refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: async (key) => {
        toast.success(`Key “${key.name}” revoked`);
        await refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const toggle = (permission: TPermission) =>
    setScopes((current) =>
      current.includes(permission)
        ? current.filter((p) => p !== permission)
        : [...current, permission],
    );

  return (
    <div className="max-w-4xl space-y-6">
      <UnavailableNote reason={manage.reason} />
      {created ? <CreatedSecret created={created} onDone={() => setCreated(null)} /> : null}
      {manage.allowed ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>New API key</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <form
              className="space-y-4"
              onSubmit={(event) => {
                event.preventDefault();
                create.mutate({
                  name,
                  scopes,
                  expiresAt: expires ? new Date(`${expires}T23:59:59`) : null,
                  ipAllowlist: allowlist.split(/[\s,]+/).filter(Boolean),
                });
              }}
            >
              <div className="space-y-1">
                <Label htmlFor="api-key-name">Name</Label>
                <Input
                  id="api-key-name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  required
                  maxLength={80}
                />
              </div>
              <fieldset className="space-y-1">
                <legend className="text-sm font-medium">
                  Scopes (only permissions your role holds)
                </legend>
                <div className="grid gap-1 sm:grid-cols-2">
                  {props.permissions.map((permission) => (
                    <label key={permission} className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        checked={scopes.includes(permission)}
                        onChange={() => toggle(permission)}
                        aria-label={permission}
                      />
                      <span className="font-mono text-xs">{permission}</span>
                      <span className="text-muted-foreground">{PERMISSION_LABELS[permission]}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <div className="grid gap-4 sm:grid-cols-2">
                <div className="space-y-1">
                  <Label htmlFor="api-key-expires">Expires (optional)</Label>
                  <Input
                    id="api-key-expires"
                    type="date"
                    value={expires}
                    onChange={(e) => setExpires(e.target.value)}
                  />
                </div>
                <div className="space-y-1">
                  <Label htmlFor="api-key-ips">Allowed IPs or CIDR ranges (optional)</Label>
                  <Input
                    id="api-key-ips"
                    placeholder="203.0.113.0/24, 2001:db8::/32"
                    value={allowlist}
                    onChange={(e) => setAllowlist(e.target.value)}
                  />
                </div>
              </div>
              {create.error ? (
                <p className="text-sm text-destructive">{errorMessage(create.error)}</p>
              ) : null}
              <UnavailableNote reason={atLimit} />
              <Button
                type="submit"
                disabled={create.isPending || scopes.length === 0 || atLimit !== null}
              >
                Create key
              </Button>
            </form>
          </CardContent>
        </Card>
      ) : null}
      <ItemList
        label="API keys"
        items={keys}
        keyOf={(key) => key.id}
        empty={{
          icon: KeyRound,
          title: "No API keys yet",
          description: "Create one above for a script or an integration.",
        }}
      >
        {(key) => {
          const state = key.revokedAt
            ? "revoked"
            : key.expiresAt && key.expiresAt <= new Date()
              ? "expired"
              : key.replacedById
                ? `rotated, works until ${when(key.expiresAt)}`
                : "active";
          return (
            <>
              <div className="min-w-0 flex-1 space-y-1">
                <p className="font-medium">
                  {key.name}{" "}
                  <span className="font-mono text-xs text-muted-foreground">{key.hint}</span>
                </p>
                <p className="text-xs text-muted-foreground">
                  {state} · scopes {key.scopes.join(", ")} · created by{" "}
                  {key.createdBy?.name ?? "a former member"} · last used {when(key.lastUsedAt)}
                  {key.lastUsedIp ? ` from ${key.lastUsedIp}` : ""} · expires {when(key.expiresAt)}
                </p>
              </div>
              {manage.allowed && state === "active" ? (
                <span className="flex gap-1">
                  <ConfirmRowAction
                    label="Rotate"
                    ariaLabel={`Rotate ${key.name}`}
                    destructive={false}
                    title={`Rotate “${key.name}”?`}
                    description="A new key is shown once; the old one keeps working for 24 hours, then stops."
                    confirmLabel="Rotate key"
                    onConfirm={() => rotate.mutateAsync({ id: key.id })}
                  />
                  <ConfirmRowAction
                    label="Revoke"
                    ariaLabel={`Revoke ${key.name}`}
                    title={`Revoke “${key.name}”?`}
                    description="Every call with this key is refused from the next request on. This cannot be undone."
                    confirmLabel="Revoke key"
                    onConfirm={() => revoke.mutateAsync({ id: key.id })}
                  />
                </span>
              ) : null}
            </>
          );
        }}
      </ItemList>
    </div>
  );
}
