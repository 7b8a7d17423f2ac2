-- Account-level events (password change or reset, email change, profile update, account deletion) go to the platform
-- audit log too: they have no organization, and an account takeover is investigated there. Such an entry is written
-- by the account's own user, in the transaction of the change, so this second INSERT policy (policies of one command
-- are OR-ed) admits exactly that: an 'account.*' action by the user of the transaction (app.user_id) about themselves,
-- with no organization. Reading stays platform-admin only, and nothing may update or delete entries.
CREATE POLICY "platform_audit_logs_insert_account" ON "platform_audit_logs" FOR INSERT
    WITH CHECK (
        "actor_type" = 'USER'
        AND "actor_user_id" = NULLIF(current_setting('app.user_id', true), '')::uuid
        AND "target_type" = 'user'
        AND "target_id" = "actor_user_id"
        AND "organization_id" IS NULL
        AND "action" LIKE 'account.%'
    );
