import type { Metadata } from "next";

import { NotFoundView } from "~/components/states/not-found-view";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <NotFoundView />
    </main>
  );
}
