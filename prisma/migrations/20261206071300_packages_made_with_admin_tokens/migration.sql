-- Nobody who is not a broker or on the duty team can create a package at a screen, so a package
-- recorded as created by anyone else was posted by a council's system with an API token that
-- person made. It is the council's (no creator), so its alerts go to the team for its pathway.
UPDATE "Package" p SET "createdById" = NULL
FROM "User" u
WHERE u."id" = p."createdById" AND u."role" NOT IN ('BROKER', 'BEST');
