import { redirect } from "next/navigation";

/** /o/<slug> on its own is the organization's home. */
export default async function OrganizationIndex(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  redirect(`/o/${slug}/home`);
}
