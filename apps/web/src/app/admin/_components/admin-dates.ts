import "server-only";

import { headers } from "next/headers";
// The platform console's dates through the one formatter, in the signed-in admin's locale and time zone (its
// pages render on the server, whose own zone and locale would otherwise show).
import { cache } from "react";

import { createDates, localeFromAcceptLanguage } from "~/lib/dates";
import { callerFor } from "~/trpc/server";

export const getAdminDates = cache(async () => {
  const [me, requestHeaders] = await Promise.all([
    (await callerFor(null)).account.me().catch(() => null),
    headers(),
  ]);
  return createDates({
    locale: localeFromAcceptLanguage(requestHeaders.get("accept-language")),
    timeZone: me?.timeZone ?? undefined,
  });
});
