"use client";

// The viewer's date formatter (locale and time zone) for client components; the app shell provides it.
import { createContext, useContext, useMemo } from "react";

import type { Dates, DateSettings } from "./dates";
import { createDates } from "./dates";

const fallback = createDates();
const DatesContext = createContext<Dates>(fallback);

export function DatesProvider(props: DateSettings & { children: React.ReactNode }) {
  const { locale, timeZone } = props;
  const dates = useMemo(() => createDates({ locale, timeZone }), [locale, timeZone]);
  return <DatesContext value={dates}>{props.children}</DatesContext>;
}

export function useDates(): Dates {
  return useContext(DatesContext);
}
