CREATE INDEX "policies_title_es_fts_idx" ON "policies" USING gin (to_tsvector('igualdad_es'::regconfig, coalesce("title_es", '')));--> statement-breakpoint
CREATE INDEX "policies_title_en_fts_idx" ON "policies" USING gin (to_tsvector('igualdad_en'::regconfig, coalesce("title_en", '')));--> statement-breakpoint
CREATE INDEX "policies_summary_es_fts_idx" ON "policies" USING gin (to_tsvector('igualdad_es'::regconfig, coalesce("summary_es", '')));--> statement-breakpoint
CREATE INDEX "policies_summary_en_fts_idx" ON "policies" USING gin (to_tsvector('igualdad_en'::regconfig, coalesce("summary_en", '')));--> statement-breakpoint
CREATE INDEX "policies_listing_order_idx" ON "policies" USING btree (coalesce("adopted_on", "introduced_on") desc nulls last,"slug");--> statement-breakpoint
CREATE INDEX "policy_identifiers_prefix_idx" ON "policy_identifiers" USING btree ("normalized" text_pattern_ops);--> statement-breakpoint
-- Hand-written: keep policy rows narrow (texts and search vectors move to TOAST storage), so a
-- search that visits thousands of matching rows reads a few pages instead of the whole texts.
ALTER TABLE "policies" SET (toast_tuple_target = 128);
