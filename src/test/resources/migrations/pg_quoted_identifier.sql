ALTER TABLE "drop" ADD COLUMN "truncate" text;
