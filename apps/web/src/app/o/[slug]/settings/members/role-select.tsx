"use client";

// One select for built-in and custom roles: values are "OWNER" … or "custom:<id>".
import type { TMembershipRole } from "@tenantry/validators";

import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { roleLabel } from "~/lib/utils";

export type RoleValue = { role: TMembershipRole } | { customRoleId: string };

export const BUILT_IN_ROLES: TMembershipRole[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];

export function roleValueOf(role: TMembershipRole, customRole: { id: string } | null): string {
  return customRole ? `custom:${customRole.id}` : role;
}

export function parseRoleValue(value: string): RoleValue {
  return value.startsWith("custom:")
    ? { customRoleId: value.slice("custom:".length) }
    : { role: value as TMembershipRole };
}

export function RoleSelect(props: {
  value: string;
  onChange: (value: string) => void;
  customRoles: { id: string; name: string }[];
  label: string;
  disabled?: boolean;
  id?: string;
}) {
  return (
    <Select value={props.value} onValueChange={props.onChange} disabled={props.disabled}>
      <SelectTrigger id={props.id} aria-label={props.label} className="w-44">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectGroup>
          <SelectLabel>Built-in</SelectLabel>
          {BUILT_IN_ROLES.map((role) => (
            <SelectItem key={role} value={role}>
              {roleLabel(role)}
            </SelectItem>
          ))}
        </SelectGroup>
        {props.customRoles.length > 0 ? (
          <SelectGroup>
            <SelectLabel>Custom</SelectLabel>
            {props.customRoles.map((r) => (
              <SelectItem key={r.id} value={`custom:${r.id}`}>
                {r.name}
              </SelectItem>
            ))}
          </SelectGroup>
        ) : null}
      </SelectContent>
    </Select>
  );
}
