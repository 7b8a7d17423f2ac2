import { Button } from "~/components/ui/button";
import { oauthSignInAction } from "./actions";

/** "Continue with GitHub/Google", one form per enabled provider (none when no provider is configured). */
export function OAuthButtons(props: { providers: { id: string; name: string }[] }) {
  if (props.providers.length === 0) return null;
  return (
    <div className="mt-6 grid gap-3">
      <div className="flex items-center gap-3 text-xs text-muted-foreground">
        <span className="h-px flex-1 bg-border" />
        or
        <span className="h-px flex-1 bg-border" />
      </div>
      {props.providers.map((provider) => (
        <form key={provider.id} action={oauthSignInAction}>
          <input type="hidden" name="provider" value={provider.id} />
          <Button type="submit" variant="outline" className="w-full">
            Continue with {provider.name}
          </Button>
        </form>
      ))}
    </div>
  );
}

const OAUTH_ERRORS: Record<string, string> = {
  email_unverified:
    "We couldn't sign you in: the provider did not confirm that your email address is verified, so it can't be used to sign in or to create an account. Verify it there (on GitHub: a verified primary email), or sign in with your password.",
  account_disabled: "This account is deactivated or suspended. Contact your administrator.",
  account_locked:
    "This account is temporarily locked after too many failed sign-in attempts. Try again later, or reset your password.",
};

/** The message for `?error=` after a refused or failed provider sign-in (next-auth sends errors here too). */
export function oauthErrorMessage(error: string | string[] | undefined): string | null {
  if (typeof error !== "string" || !error) return null;
  return OAUTH_ERRORS[error] ?? "Sign-in did not complete. Please try again.";
}
