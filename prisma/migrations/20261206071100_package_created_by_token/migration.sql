-- A package posted through an API token records the token, not the person who made it.
ALTER TABLE "Package" ADD COLUMN "createdByTokenId" UUID;
