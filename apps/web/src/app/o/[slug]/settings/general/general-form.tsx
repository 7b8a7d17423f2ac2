"use client";

// Name, slug and allowed email domains. A new slug moves the organization's URLs, so we navigate to it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { toast } from "~/components/ui/sonner";
import { Textarea } from "~/components/ui/textarea";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";

export function GeneralForm(props: {
  organization: { name: string; slug: string; allowedEmailDomains: string[] };
}) {
  const edit = useCan("organization.update");
  const canEdit = edit.allowed;
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState(props.organization.name);
  const [slug, setSlug] = useState(props.organization.slug);
  const [domains, setDomains] = useState(props.organization.allowedEmailDomains.join(", "));
  const [error, setError] = useState<string | null>(null);
  const update = useMutation(
    trpc.organization.update.mutationOptions({
      onSuccess: (org) => {
        toast.success("Settings saved");
        setError(null);
        if (org.slug !== props.organization.slug) router.push(`/o/${org.slug}/settings/general`);
        else router.refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>General</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        <form
          className="grid max-w-lg gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({
              name,
              slug,
              allowedEmailDomains: domains
                .split(/[\s,]+/)
                .map((d) => d.trim())
                .filter(Boolean),
            });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="org-name">Name</Label>
            <Input
              id="org-name"
              value={name}
              disabled={!canEdit}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="org-slug">URL slug</Label>
            <Input
              id="org-slug"
              value={slug}
              disabled={!canEdit}
              onChange={(e) => setSlug(e.target.value)}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="org-domains">Allowed email domains for invitations</Label>
            <Textarea
              id="org-domains"
              rows={2}
              placeholder="Any domain (e.g. acme.com, acme.dev)"
              value={domains}
              disabled={!canEdit}
              onChange={(e) => setDomains(e.target.value)}
            />
          </div>
          {error ? (
            <p role="alert" className="text-sm text-destructive-text">
              {error}
            </p>
          ) : null}
          {canEdit ? (
            <Button type="submit" pending={update.isPending} className="justify-self-start">
              Save
            </Button>
          ) : (
            <UnavailableNote reason={edit.reason} />
          )}
        </form>
      </CardContent>
    </Card>
  );
}
