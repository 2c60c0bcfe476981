-- An audit event of a call made with an API token names the token beside the person who made it.
ALTER TABLE "AuditEvent" ADD COLUMN "apiTokenId" UUID;
