-- AlterEnum
ALTER TYPE "notification_kind" ADD VALUE 'QUOTA_WARNING';
