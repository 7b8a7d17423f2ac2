-- Every tenant table's primary key becomes (organization_id, id), so that a distributed PostgreSQL (Citus) can
-- distribute the table by organization_id: there, a primary key or unique constraint must contain the distribution
-- column. The unique (organization_id, id) indexes that the composite foreign keys referenced become redundant with
-- the new primary keys; PostgreSQL cannot re-point a foreign key at another index, so the foreign keys between
-- tenant tables are dropped first and recreated unchanged (same names, columns and actions) against the new keys.

-- DropForeignKey (recreated below)
ALTER TABLE comment_mentions DROP CONSTRAINT comment_mentions_organization_id_comment_id_fkey;
ALTER TABLE comment_mentions DROP CONSTRAINT comment_mentions_organization_id_membership_id_fkey;
ALTER TABLE invitations DROP CONSTRAINT invitations_organization_id_custom_role_id_fkey;
ALTER TABLE license_seats DROP CONSTRAINT license_seats_organization_id_license_id_fkey;
ALTER TABLE license_seats DROP CONSTRAINT license_seats_organization_id_membership_id_fkey;
ALTER TABLE memberships DROP CONSTRAINT memberships_organization_id_custom_role_id_fkey;
ALTER TABLE ownership_transfers DROP CONSTRAINT ownership_transfers_organization_id_from_membership_id_fkey;
ALTER TABLE ownership_transfers DROP CONSTRAINT ownership_transfers_organization_id_to_membership_id_fkey;
ALTER TABLE project_members DROP CONSTRAINT project_members_organization_id_membership_id_fkey;
ALTER TABLE project_members DROP CONSTRAINT project_members_organization_id_project_id_fkey;
ALTER TABLE projects DROP CONSTRAINT projects_organization_id_team_id_fkey;
ALTER TABLE task_activities DROP CONSTRAINT task_activities_organization_id_task_id_fkey;
ALTER TABLE task_assignees DROP CONSTRAINT task_assignees_organization_id_membership_id_fkey;
ALTER TABLE task_assignees DROP CONSTRAINT task_assignees_organization_id_task_id_fkey;
ALTER TABLE task_attachments DROP CONSTRAINT task_attachments_organization_id_task_id_fkey;
ALTER TABLE task_comments DROP CONSTRAINT task_comments_organization_id_task_id_fkey;
ALTER TABLE task_tags DROP CONSTRAINT task_tags_organization_id_tag_id_fkey;
ALTER TABLE task_tags DROP CONSTRAINT task_tags_organization_id_task_id_fkey;
ALTER TABLE tasks DROP CONSTRAINT tasks_organization_id_parent_id_fkey;
ALTER TABLE tasks DROP CONSTRAINT tasks_organization_id_project_id_fkey;
ALTER TABLE team_members DROP CONSTRAINT team_members_organization_id_membership_id_fkey;
ALTER TABLE team_members DROP CONSTRAINT team_members_organization_id_team_id_fkey;

-- DropIndex
DROP INDEX "audit_logs_organization_id_id_key";

-- DropIndex
DROP INDEX "invitations_organization_id_id_key";

-- DropIndex
DROP INDEX "license_seats_organization_id_id_key";

-- DropIndex
DROP INDEX "licenses_organization_id_id_key";

-- DropIndex
DROP INDEX "memberships_organization_id_id_key";

-- DropIndex
DROP INDEX "ownership_transfers_organization_id_id_key";

-- DropIndex
DROP INDEX "projects_organization_id_id_key";

-- DropIndex
DROP INDEX "roles_organization_id_id_key";

-- DropIndex
DROP INDEX "tags_organization_id_id_key";

-- DropIndex
DROP INDEX "task_activities_organization_id_id_key";

-- DropIndex
DROP INDEX "task_attachments_organization_id_id_key";

-- DropIndex
DROP INDEX "task_comments_organization_id_id_key";

-- DropIndex
DROP INDEX "tasks_organization_id_id_key";

-- DropIndex
DROP INDEX "team_members_organization_id_id_key";

-- DropIndex
DROP INDEX "teams_organization_id_id_key";

-- AlterTable
ALTER TABLE "audit_logs" DROP CONSTRAINT "audit_logs_pkey",
ADD CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "invitations" DROP CONSTRAINT "invitations_pkey",
ADD CONSTRAINT "invitations_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "license_seats" DROP CONSTRAINT "license_seats_pkey",
ADD CONSTRAINT "license_seats_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "licenses" DROP CONSTRAINT "licenses_pkey",
ADD CONSTRAINT "licenses_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_pkey",
ADD CONSTRAINT "memberships_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "ownership_transfers" DROP CONSTRAINT "ownership_transfers_pkey",
ADD CONSTRAINT "ownership_transfers_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "projects" DROP CONSTRAINT "projects_pkey",
ADD CONSTRAINT "projects_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "roles" DROP CONSTRAINT "roles_pkey",
ADD CONSTRAINT "roles_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "tags" DROP CONSTRAINT "tags_pkey",
ADD CONSTRAINT "tags_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "task_activities" DROP CONSTRAINT "task_activities_pkey",
ADD CONSTRAINT "task_activities_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "task_attachments" DROP CONSTRAINT "task_attachments_pkey",
ADD CONSTRAINT "task_attachments_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "task_comments" DROP CONSTRAINT "task_comments_pkey",
ADD CONSTRAINT "task_comments_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_pkey",
ADD CONSTRAINT "tasks_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "team_members" DROP CONSTRAINT "team_members_pkey",
ADD CONSTRAINT "team_members_pkey" PRIMARY KEY ("organization_id", "id");

-- AlterTable
ALTER TABLE "teams" DROP CONSTRAINT "teams_pkey",
ADD CONSTRAINT "teams_pkey" PRIMARY KEY ("organization_id", "id");

-- AddForeignKey (as before, now referencing the primary keys)
ALTER TABLE comment_mentions ADD CONSTRAINT comment_mentions_organization_id_comment_id_fkey FOREIGN KEY (organization_id, comment_id) REFERENCES task_comments(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE comment_mentions ADD CONSTRAINT comment_mentions_organization_id_membership_id_fkey FOREIGN KEY (organization_id, membership_id) REFERENCES memberships(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE invitations ADD CONSTRAINT invitations_organization_id_custom_role_id_fkey FOREIGN KEY (organization_id, custom_role_id) REFERENCES roles(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE license_seats ADD CONSTRAINT license_seats_organization_id_license_id_fkey FOREIGN KEY (organization_id, license_id) REFERENCES licenses(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE license_seats ADD CONSTRAINT license_seats_organization_id_membership_id_fkey FOREIGN KEY (organization_id, membership_id) REFERENCES memberships(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE memberships ADD CONSTRAINT memberships_organization_id_custom_role_id_fkey FOREIGN KEY (organization_id, custom_role_id) REFERENCES roles(organization_id, id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE ownership_transfers ADD CONSTRAINT ownership_transfers_organization_id_from_membership_id_fkey FOREIGN KEY (organization_id, from_membership_id) REFERENCES memberships(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE ownership_transfers ADD CONSTRAINT ownership_transfers_organization_id_to_membership_id_fkey FOREIGN KEY (organization_id, to_membership_id) REFERENCES memberships(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE project_members ADD CONSTRAINT project_members_organization_id_membership_id_fkey FOREIGN KEY (organization_id, membership_id) REFERENCES memberships(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE project_members ADD CONSTRAINT project_members_organization_id_project_id_fkey FOREIGN KEY (organization_id, project_id) REFERENCES projects(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE projects ADD CONSTRAINT projects_organization_id_team_id_fkey FOREIGN KEY (organization_id, team_id) REFERENCES teams(organization_id, id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE task_activities ADD CONSTRAINT task_activities_organization_id_task_id_fkey FOREIGN KEY (organization_id, task_id) REFERENCES tasks(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE task_assignees ADD CONSTRAINT task_assignees_organization_id_membership_id_fkey FOREIGN KEY (organization_id, membership_id) REFERENCES memberships(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE task_assignees ADD CONSTRAINT task_assignees_organization_id_task_id_fkey FOREIGN KEY (organization_id, task_id) REFERENCES tasks(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE task_attachments ADD CONSTRAINT task_attachments_organization_id_task_id_fkey FOREIGN KEY (organization_id, task_id) REFERENCES tasks(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE task_comments ADD CONSTRAINT task_comments_organization_id_task_id_fkey FOREIGN KEY (organization_id, task_id) REFERENCES tasks(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE task_tags ADD CONSTRAINT task_tags_organization_id_tag_id_fkey FOREIGN KEY (organization_id, tag_id) REFERENCES tags(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE task_tags ADD CONSTRAINT task_tags_organization_id_task_id_fkey FOREIGN KEY (organization_id, task_id) REFERENCES tasks(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE tasks ADD CONSTRAINT tasks_organization_id_parent_id_fkey FOREIGN KEY (organization_id, parent_id) REFERENCES tasks(organization_id, id) ON UPDATE CASCADE;
ALTER TABLE tasks ADD CONSTRAINT tasks_organization_id_project_id_fkey FOREIGN KEY (organization_id, project_id) REFERENCES projects(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE team_members ADD CONSTRAINT team_members_organization_id_membership_id_fkey FOREIGN KEY (organization_id, membership_id) REFERENCES memberships(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE team_members ADD CONSTRAINT team_members_organization_id_team_id_fkey FOREIGN KEY (organization_id, team_id) REFERENCES teams(organization_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
