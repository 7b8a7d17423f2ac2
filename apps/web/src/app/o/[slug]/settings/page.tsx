import { redirect } from "next/navigation";

/** The breadcrumb's "Settings" (and a typed /settings) lands on the first settings page, General. */
export default async function SettingsIndex(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  redirect(`/o/${slug}/settings/general`);
}
