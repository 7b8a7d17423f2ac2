import { NotFoundView } from "~/components/states/not-found-view";

export default function OrganizationNotFound() {
  return <NotFoundView />;
}
