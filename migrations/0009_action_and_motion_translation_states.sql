ALTER TABLE "policy_actions" ADD COLUMN "description_es_state" "translation_state" DEFAULT 'original' NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_actions" ADD COLUMN "description_en_state" "translation_state" DEFAULT 'original' NOT NULL;--> statement-breakpoint
ALTER TABLE "vote_events" ADD COLUMN "motion_es_state" "translation_state" DEFAULT 'original' NOT NULL;--> statement-breakpoint
ALTER TABLE "vote_events" ADD COLUMN "motion_en_state" "translation_state" DEFAULT 'original' NOT NULL;--> statement-breakpoint
-- Rows written before this migration: every text is original in both languages (the dataset and
-- staff write both), except what came from Legistar, which gives English only and was copied into
-- the Spanish column. Those become Spanish missing (text cleared, as an imported title is) and
-- English original: its actions (remembered under legistar:<client>:history), the actions of a
-- policy linked to a Legistar matter whose two texts are the same (the importer's text, carried
-- through a staff publication), and its roll calls (content hash prefixed legistar:).
UPDATE "policy_actions" AS a SET "description_es" = '', "description_es_state" = 'missing'
WHERE a."description_es" = a."description_en" AND a."description_en" <> '' AND (
  EXISTS (SELECT 1 FROM "external_ids" AS x
    WHERE x."entity" = 'policy_actions' AND x."entity_id" = a."id" AND x."scheme" LIKE 'legistar:%:history')
  OR EXISTS (SELECT 1 FROM "external_ids" AS x
    WHERE x."entity" = 'policies' AND x."entity_id" = a."policy_id" AND x."scheme" LIKE 'legistar:%:matter'));--> statement-breakpoint
UPDATE "vote_events" SET "motion_es" = NULL, "motion_es_state" = 'missing'
WHERE "content_hash" LIKE 'legistar:%' AND "motion_es" = "motion_en";
