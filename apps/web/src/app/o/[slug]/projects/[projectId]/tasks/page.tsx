// The "Tasks" breadcrumb of a task's page links here: the project's page holds its tasks.
import { redirect } from "next/navigation";

export default async function ProjectTasksPage(props: {
  params: Promise<{ slug: string; projectId: string }>;
}) {
  const { slug, projectId } = await props.params;
  redirect(`/o/${slug}/projects/${projectId}`);
}
