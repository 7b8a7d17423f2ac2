"use client";

// The permission matrix: one row per permission, one column per role. Built-in columns are fixed; custom columns
// are edited in place and saved per role or all at once from a bar that stays in view while anything is unsaved;
// leaving the page with unsaved edits asks first. The server refuses permissions the editor does not hold.
import { useState } from "react";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Check, Minus } from "lucide-react";

import type { TPermission } from "@tenantry/validators";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { useUnsavedChangesGuard } from "~/components/forms/use-unsaved-changes-guard";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { Checkbox } from "~/components/ui/checkbox";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { toast } from "~/components/ui/sonner";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "~/components/ui/table";
import { useCan } from "~/lib/access/use-can";
import { roleLabel } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";

export function RolesEditor(props: { myPermissions: readonly TPermission[] }) {
  const manage = useCan("role.manage");
  const canManage = manage.allowed;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: catalog } = useSuspenseQuery(trpc.role.catalog.queryOptions());
  // Unsaved edits per custom role id.
  const [drafts, setDrafts] = useState<Record<string, TPermission[]>>({});
  const [name, setName] = useState("");
  const refresh = () => queryClient.invalidateQueries(trpc.role.pathFilter());

  const create = useMutation(
    trpc.role.create.mutationOptions({
      onSuccess: async (r) => {
        toast.success(`Role “${r.name}” created`);
        setName("");
        await refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const update = useMutation(
    trpc.role.update.mutationOptions({
      onSuccess: async (r) => {
        toast.success(`Role “${r.name}” saved`);
        setDrafts(({ [r.id]: _saved, ...rest }) => rest);
        await refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const remove = useMutation(
    trpc.role.delete.mutationOptions({
      onSuccess: refresh,
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  const dirtyIds = Object.keys(drafts);
  useUnsavedChangesGuard(dirtyIds.length > 0);
  const [savingAll, setSavingAll] = useState(false);
  const saveAll = async () => {
    setSavingAll(true);
    try {
      for (const id of dirtyIds) {
        const permissions = drafts[id];
        if (permissions) await update.mutateAsync({ id, permissions });
      }
    } catch {
      // The failing role's toast says why; its draft stays for another try.
    } finally {
      setSavingAll(false);
    }
  };

  const toggle = (roleId: string, current: TPermission[], key: TPermission, on: boolean) =>
    setDrafts((d) => ({
      ...d,
      [roleId]: on ? [...current, key] : current.filter((p) => p !== key),
    }));

  return (
    <div className="space-y-6">
      <UnavailableNote reason={manage.reason} />
      {canManage ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, permissions: [] });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="role-name">New role name</Label>
            <Input
              id="role-name"
              required
              maxLength={50}
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="w-64"
            />
          </div>
          <Button type="submit" pending={create.isPending}>
            Create role
          </Button>
        </form>
      ) : null}
      <div className="overflow-x-auto">
        <Table aria-label="Permission matrix">
          <TableHeader>
            <TableRow>
              <TableHead>Permission</TableHead>
              {catalog.builtIn.map((r) => (
                <TableHead key={r.role} className="text-center">
                  {roleLabel(r.role)}
                </TableHead>
              ))}
              {catalog.custom.map((r) => (
                <TableHead key={r.id} className="text-center">
                  {r.name}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {catalog.permissions.map((p) => (
              <TableRow key={p.key}>
                <TableCell>
                  <div className="font-medium">{p.label}</div>
                  <div className="font-mono text-xs text-muted-foreground">{p.key}</div>
                </TableCell>
                {catalog.builtIn.map((r) => (
                  <TableCell key={r.role} className="text-center">
                    {r.permissions.includes(p.key) ? (
                      <Check className="mx-auto size-4" aria-label="Granted" />
                    ) : (
                      <Minus
                        className="mx-auto size-4 text-muted-foreground"
                        aria-label="Not granted"
                      />
                    )}
                  </TableCell>
                ))}
                {catalog.custom.map((r) => {
                  const current = drafts[r.id] ?? r.permissions;
                  return (
                    <TableCell key={r.id} className="text-center">
                      <Checkbox
                        aria-label={`${r.name}: ${p.key}`}
                        checked={current.includes(p.key)}
                        // Nobody can grant what they lack: such boxes are read-only here and refused by the API.
                        disabled={!canManage || !props.myPermissions.includes(p.key)}
                        onCheckedChange={(on) => toggle(r.id, current, p.key, on === true)}
                      />
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {canManage && catalog.custom.length > 0 ? (
        <ul aria-label="Custom roles" className="divide-y rounded-md border">
          {catalog.custom.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <span className="font-medium">{r.name}</span>
              <span className="text-muted-foreground">
                {r.memberCount} member{r.memberCount === 1 ? "" : "s"}
              </span>
              <span className="ml-auto flex gap-2">
                <Button
                  size="sm"
                  disabled={!drafts[r.id]}
                  pending={update.isPending && update.variables.id === r.id}
                  onClick={() =>
                    update.mutate({ id: r.id, permissions: drafts[r.id] ?? r.permissions })
                  }
                >
                  Save {r.name}
                </Button>
                <ConfirmDialog
                  title={`Delete the role “${r.name}”?`}
                  description="Only possible once no member or pending invitation holds it."
                  confirmLabel="Delete role"
                  onConfirm={() => remove.mutateAsync({ id: r.id })}
                  trigger={
                    <Button size="sm" variant="outline">
                      Delete
                    </Button>
                  }
                />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canManage && dirtyIds.length > 0 ? (
        <div
          role="region"
          aria-label="Unsaved changes"
          className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t bg-background/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-md sm:border"
        >
          <p className="text-sm">
            Unsaved changes to{" "}
            {dirtyIds.length === 1
              ? (catalog.custom.find((r) => r.id === dirtyIds[0])?.name ?? "1 role")
              : `${dirtyIds.length} roles`}
          </p>
          <span className="ml-auto flex gap-2">
            <Button variant="outline" size="sm" disabled={savingAll} onClick={() => setDrafts({})}>
              Discard
            </Button>
            <Button size="sm" pending={savingAll} onClick={() => void saveAll()}>
              Save changes
            </Button>
          </span>
        </div>
      ) : null}
    </div>
  );
}
