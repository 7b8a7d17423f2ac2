// Time-ordered UUIDv7 ids, for rows whose id must be known before insert (e.g. a new tenant to set in RLS).
import { uuidv7 } from "uuidv7";

export const newId = (): string => uuidv7();
