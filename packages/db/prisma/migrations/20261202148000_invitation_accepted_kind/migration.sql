-- The inviter's "your invitation was accepted" notification becomes its own kind; INVITATION now means an invitation
-- addressed to the user (see 20261202148100_invitee_invitations). A new enum value cannot be used in the transaction
-- that adds it, so the data moves in the next migration.
ALTER TYPE "notification_kind" ADD VALUE IF NOT EXISTS 'INVITATION_ACCEPTED';
