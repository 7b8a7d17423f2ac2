-- Platform admins may also override an organization's monthly assistant token allowance (plan.ts OVERRIDABLE_LIMITS):
-- the assistant's quota reads the effective limits, like every other limit.
ALTER TABLE "organization_limit_overrides" DROP CONSTRAINT "organization_limit_overrides_limit_key_check";
ALTER TABLE "organization_limit_overrides" ADD CONSTRAINT "organization_limit_overrides_limit_key_check"
    CHECK ("limit_key" IN ('maxMembers', 'maxProjects', 'apiRequestsPerMonth', 'rateLimitPerMinute',
                           'maxWebhookEndpoints', 'maxApiKeys', 'assistantTokensPerMonth'));
