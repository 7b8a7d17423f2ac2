// How a task row is loaded and turned into its API shape (shared by task reads and writes).
import type { Prisma } from "@tenantry/db";
import type { TTaskOutput } from "@tenantry/validators";

export const taskInclude = {
  project: { select: { key: true } },
  assignees: {
    orderBy: { createdAt: "asc" },
    select: {
      membership: { select: { id: true, user: { select: { id: true, name: true, email: true } } } },
    },
  },
  tags: { select: { tag: { select: { id: true, name: true, color: true } } } },
  _count: { select: { subtasks: { where: { deletedAt: null } } } },
} satisfies Prisma.TaskInclude;

export type TaskRow = Prisma.TaskGetPayload<{ include: typeof taskInclude }>;

/** YYYY-MM-DD of a DATE column (Prisma returns it as UTC midnight). */
export const isoDate = (date: Date | null): string | null =>
  date ? date.toISOString().slice(0, 10) : null;

export function toTaskOutput(row: TaskRow): TTaskOutput {
  return {
    id: row.id,
    organizationId: row.organizationId,
    projectId: row.projectId,
    projectKey: row.project.key,
    number: row.number,
    reference: `${row.project.key}-${row.number}`,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    dueDate: isoDate(row.dueDate),
    estimatedHours: row.estimatedHours === null ? null : row.estimatedHours.toNumber(),
    actualHours: row.actualHours === null ? null : row.actualHours.toNumber(),
    parentId: row.parentId,
    completedAt: row.completedAt,
    createdById: row.createdById,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    assignees: row.assignees.map((a) => ({
      membershipId: a.membership.id,
      userId: a.membership.user.id,
      name: a.membership.user.name,
      email: a.membership.user.email,
    })),
    tags: row.tags.map((t) => t.tag).sort((a, b) => a.name.localeCompare(b.name)),
    subtaskCount: row._count.subtasks,
  };
}
