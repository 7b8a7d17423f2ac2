// Seeds a demo organization with an owner and a few projects, once; prints how to sign in.
import { hash } from "@node-rs/argon2";

import { createDb } from "../src/client.ts";
import { newId } from "../src/id.ts";
import { withTenantTransaction } from "../src/tenant.ts";

// eslint-disable-next-line no-restricted-syntax
const url = process.env.MIGRATE_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error("seed: set DATABASE_URL (or MIGRATE_DATABASE_URL)");
  process.exit(1);
}

export const DEMO = {
  email: "demo@tenantry.dev",
  password: "tenantry-demo-password",
  name: "Dana Demo",
  organization: { name: "Acme Inc", slug: "acme" },
  projects: [
    { key: "WEB", name: "Website relaunch", description: "New marketing site and docs" },
    { key: "MOB", name: "Mobile app", description: "iOS and Android clients" },
    { key: "BILL", name: "Billing migration", description: "Move invoices to the new provider" },
  ],
} as const;

const db = createDb({ connectionString: url, poolMax: 2 });
try {
  const existing = await db.user.findUnique({ where: { email: DEMO.email }, select: { id: true } });
  if (existing) {
    console.log("seed: demo data already present");
  } else {
    // Same argon2id costs as @tenantry/auth (m=19 MiB, t=2, p=1); verification reads them from the hash.
    const passwordHash = await hash(DEMO.password, {
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    const user = await db.user.create({
      data: { email: DEMO.email, name: DEMO.name, passwordHash, emailVerified: new Date() },
      select: { id: true },
    });
    const organizationId = newId();
    // Seed through the tenant transaction so the data passes the same RLS checks as the application's writes.
    await withTenantTransaction(
      db,
      { userId: user.id, organizationId, role: "OWNER" },
      async (tx) => {
        await tx.organization.create({
          data: { id: organizationId, ...DEMO.organization, plan: "PRO" },
        });
        await tx.membership.create({ data: { organizationId, userId: user.id, role: "OWNER" } });
        for (const project of DEMO.projects) {
          await tx.project.create({ data: { organizationId, createdById: user.id, ...project } });
        }
      },
    );
    console.log(`seed: created ${DEMO.organization.name} with ${DEMO.projects.length} projects`);
  }
  console.log(`seed: sign in as ${DEMO.email} / ${DEMO.password}`);
} finally {
  await db.$disconnect();
}
