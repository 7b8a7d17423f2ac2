import Link from "next/link";

import { ThemeToggleButton } from "./theme-toggle";

/** Layout of signed-out pages (sign-in, sign-up, password reset…): a centred card with the product mark. */
export function AuthShell(props: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  /** Links under the card ("No account? Sign up"). */
  footer?: React.ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex h-14 items-center justify-between px-4 sm:px-6">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md font-semibold outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60"
        >
          <span
            aria-hidden="true"
            className="flex size-7 items-center justify-center rounded-md bg-primary text-sm text-primary-foreground"
          >
            T
          </span>
          Tenantry
        </Link>
        <ThemeToggleButton />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-[8dvh] pb-16">
        <div className="w-full max-w-sm">
          <div className="rounded-xl border bg-card p-6 text-card-foreground shadow-sm sm:p-8">
            <div className="mb-6 space-y-1.5">
              <h1 className="text-xl font-semibold tracking-tight">{props.title}</h1>
              {props.description ? (
                <p className="text-sm text-muted-foreground">{props.description}</p>
              ) : null}
            </div>
            {props.children}
          </div>
          {props.footer ? (
            <div className="mt-6 text-center text-sm text-muted-foreground">{props.footer}</div>
          ) : null}
        </div>
      </main>
    </div>
  );
}
