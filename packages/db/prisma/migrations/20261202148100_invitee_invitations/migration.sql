-- Existing INVITATION rows and preferences were about accepted invitations (to the inviter): they keep their meaning
-- under INVITATION_ACCEPTED. The INVITATION preference is reset (default on) since the kind now means something else.
UPDATE "notifications" SET "kind" = 'INVITATION_ACCEPTED' WHERE "kind" = 'INVITATION';
INSERT INTO "notification_preferences" ("user_id", "kind", "in_app", "email", "updated_at")
    SELECT "user_id", 'INVITATION_ACCEPTED', "in_app", "email", "updated_at"
    FROM "notification_preferences" WHERE "kind" = 'INVITATION'
    ON CONFLICT ("user_id", "kind") DO NOTHING;
DELETE FROM "notification_preferences" WHERE "kind" = 'INVITATION';

-- Invitations addressed to the signed-in user. The invitee is not a member of the inviting organization, so the
-- tenant policy on "invitations" hides the row from them; no row is copied anywhere either (a user-addressed copy
-- would have to be kept in step with revoke, resend, expiry and acceptance). Instead this function answers, for the
-- user named by the transaction's app.user_id setting only (it takes no argument, so no caller can ask about someone
-- else), the pending, unexpired invitations sent to that user's VERIFIED email by active organizations the user is
-- not yet a member of, and returns only what the invitee needs: the organization's name, the inviter's name and the
-- role. Revoked, accepted, expired invitations simply stop matching. Accepting or declining goes through the tenant
-- transaction of the named organization, which checks the email again (invitation-accept.ts).
-- SECURITY DEFINER and row_security = off as for api_key_lookup.
CREATE FUNCTION "invitations_for_current_user"()
    RETURNS TABLE (
        "id" uuid,
        "organization_id" uuid,
        "organization_name" varchar,
        "role" "MembershipRole",
        "custom_role_name" varchar,
        "invited_by_name" varchar,
        "expires_at" timestamptz,
        "created_at" timestamptz
    )
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp
    SET row_security = off
AS $$
    SELECT i."id", i."organization_id", o."name", i."role", r."name", inviter."name", i."expires_at", i."created_at"
    FROM "users" u
    JOIN "invitations" i ON i."email" = lower(u."email")
    JOIN "organizations" o ON o."id" = i."organization_id"
    LEFT JOIN "roles" r ON r."organization_id" = i."organization_id" AND r."id" = i."custom_role_id"
    LEFT JOIN "users" inviter ON inviter."id" = i."invited_by_id"
    WHERE u."id" = NULLIF(current_setting('app.user_id', true), '')::uuid
      AND u."email_verified" IS NOT NULL
      AND u."status" = 'ACTIVE'
      AND i."status" = 'PENDING'
      AND i."expires_at" > now()
      AND o."status" = 'ACTIVE'
      AND o."deleted_at" IS NULL
      AND NOT EXISTS (
          SELECT 1 FROM "memberships" m WHERE m."organization_id" = i."organization_id" AND m."user_id" = u."id")
    ORDER BY i."created_at" DESC, i."id" DESC
    LIMIT 50
$$;
REVOKE ALL ON FUNCTION "invitations_for_current_user"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "invitations_for_current_user"() TO tenantry_app;

