// Field errors now come from the domain package; this re-export keeps the services' imports until they move there.
export { fieldError } from "@tenantry/core";
