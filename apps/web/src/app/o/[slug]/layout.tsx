import { OrganizationShell } from "~/components/shell/organization-shell";

/** Shell of an organization's pages; the organization comes from the URL and membership is verified there. */
export default async function OrganizationLayout(props: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await props.params;
  return <OrganizationShell slug={slug}>{props.children}</OrganizationShell>;
}
