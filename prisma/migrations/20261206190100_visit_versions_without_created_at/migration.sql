-- A visit version is ordered by its dates; a creation time would make two seeds of the same
-- market differ.
ALTER TABLE "Visit" DROP COLUMN "createdAt";
