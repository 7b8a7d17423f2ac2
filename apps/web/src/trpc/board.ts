import "server-only";

// The board's first pages for a server-rendered project page, in a query client of their own: the page streams
// them in behind a Suspense boundary, so its shell and details never wait for (nor ship as pending) the columns.
import { cache } from "react";

import { BOARD_STATUSES, boardColumnInput } from "~/components/tasks/constants";
import { createQueryClient, trpcFor } from "./server";

export const boardQueries = cache((organization: string, projectId: string) => {
  const client = createQueryClient();
  const trpc = trpcFor(organization);
  // prefetchInfiniteQuery never rejects: a failed column is left out and the browser asks again (and says why).
  const ready = Promise.all(
    BOARD_STATUSES.map((status) =>
      client.prefetchInfiniteQuery(
        trpc.task.list.infiniteQueryOptions(boardColumnInput(projectId, status), {
          getNextPageParam: (page) => page.nextCursor,
        }),
      ),
    ),
  );
  return { client, ready };
});
