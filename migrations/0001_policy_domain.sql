CREATE TYPE "public"."audience" AS ENUM('community', 'advocates', 'media', 'officials');--> statement-breakpoint
CREATE TYPE "public"."body_classification" AS ENUM('legislature', 'chamber', 'council', 'commission', 'school_board', 'executive', 'electorate');--> statement-breakpoint
CREATE TYPE "public"."identifier_scheme" AS ENUM('bill_number', 'enactment_number', 'code_section', 'alias');--> statement-breakpoint
CREATE TYPE "public"."jurisdiction_kind" AS ENUM('federal', 'state', 'county', 'city', 'school_district', 'other');--> statement-breakpoint
CREATE TYPE "public"."policy_classification" AS ENUM('bill', 'resolution', 'joint_resolution', 'concurrent_resolution', 'memorial', 'joint_memorial', 'ordinance', 'proclamation', 'constitutional_amendment', 'statute', 'board_policy', 'procedural_directive', 'executive_order', 'ballot_initiative');--> statement-breakpoint
CREATE TYPE "public"."policy_stance" AS ENUM('protects', 'harms', 'mixed');--> statement-breakpoint
CREATE TYPE "public"."policy_status" AS ENUM('pending', 'in_force', 'enacted_non_binding', 'failed', 'vetoed', 'repealed', 'superseded', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."relation_kind" AS ENUM('amends', 'strengthens', 'supersedes', 'implements', 'responds_to', 'related');--> statement-breakpoint
CREATE TYPE "public"."rubric_category" AS ENUM('detainers', 'enforcement_agreements', 'information_sharing', 'non_public_access', 'status_inquiries', 'access_to_services', 'schools', 'labor_and_wages', 'drivers_licenses', 'higher_education', 'language_access', 'other');--> statement-breakpoint
CREATE TYPE "public"."translation_state" AS ENUM('original', 'reviewed', 'machine', 'needs_update', 'missing');--> statement-breakpoint
CREATE TYPE "public"."verification_state" AS ENUM('verified', 'unverified');--> statement-breakpoint
CREATE TABLE "bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"parent_id" uuid,
	"classification" "body_classification" NOT NULL,
	"name_es" text NOT NULL,
	"name_en" text NOT NULL,
	"seats" integer,
	"content_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bodies_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "faq_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"audience" "audience" DEFAULT 'community' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"question_es" text DEFAULT '' NOT NULL,
	"question_en" text DEFAULT '' NOT NULL,
	"question_es_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"question_en_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"answer_es" text DEFAULT '' NOT NULL,
	"answer_en" text DEFAULT '' NOT NULL,
	"answer_es_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"answer_en_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"content_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_entries_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "faq_policies" (
	"faq_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	CONSTRAINT "faq_policies_faq_id_policy_id_pk" PRIMARY KEY("faq_id","policy_id")
);
--> statement-breakpoint
CREATE TABLE "faq_topics" (
	"faq_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "faq_topics_faq_id_topic_id_pk" PRIMARY KEY("faq_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "jurisdictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ocd_id" text NOT NULL,
	"slug" text NOT NULL,
	"name_es" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" "jurisdiction_kind" NOT NULL,
	"parent_id" uuid,
	"content_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jurisdictions_ocd_id_unique" UNIQUE("ocd_id"),
	CONSTRAINT "jurisdictions_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"classification" "policy_classification" NOT NULL,
	"status" "policy_status" DEFAULT 'unknown' NOT NULL,
	"stance" "policy_stance" NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"body_id" uuid,
	"title_es" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"title_es_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"title_en_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"official_title" text,
	"title_verification" "verification_state" DEFAULT 'unverified' NOT NULL,
	"summary_es" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"summary_es_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"summary_en_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"body_es" text,
	"body_en" text,
	"body_es_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"body_en_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"introduced_on" text,
	"introduced_verification" "verification_state" DEFAULT 'unverified' NOT NULL,
	"adopted_on" text,
	"adopted_verification" "verification_state" DEFAULT 'unverified' NOT NULL,
	"signed_on" text,
	"signed_verification" "verification_state" DEFAULT 'unverified' NOT NULL,
	"effective_on" text,
	"effective_verification" "verification_state" DEFAULT 'unverified' NOT NULL,
	"verification" "verification_state" DEFAULT 'unverified' NOT NULL,
	"verification_note_es" text,
	"verification_note_en" text,
	"version" integer DEFAULT 1 NOT NULL,
	"content_hash" text,
	"search_es" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('igualdad_es'::regconfig, coalesce(title_es, '')), 'A') || setweight(to_tsvector('igualdad_es'::regconfig, coalesce(summary_es, '')), 'B') || setweight(to_tsvector('igualdad_es'::regconfig, coalesce(body_es, '')), 'C')) STORED,
	"search_en" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('igualdad_en'::regconfig, coalesce(title_en, '')), 'A') || setweight(to_tsvector('igualdad_en'::regconfig, coalesce(summary_en, '')), 'B') || setweight(to_tsvector('igualdad_en'::regconfig, coalesce(body_en, '')), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policies_slug_unique" UNIQUE("slug"),
	CONSTRAINT "policies_introduced_on_partial_date" CHECK ("introduced_on" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "policies_adopted_on_partial_date" CHECK ("adopted_on" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "policies_signed_on_partial_date" CHECK ("signed_on" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "policies_effective_on_partial_date" CHECK ("effective_on" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$')
);
--> statement-breakpoint
CREATE TABLE "policy_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"date" text NOT NULL,
	"date_verification" "verification_state" DEFAULT 'unverified' NOT NULL,
	"body_id" uuid,
	"classification" text[] DEFAULT '{}'::text[] NOT NULL,
	"description_es" text NOT NULL,
	"description_en" text NOT NULL,
	"votes_yes" integer,
	"votes_no" integer,
	"votes_abstain" integer,
	"votes_absent" integer,
	"vote_verification" "verification_state" DEFAULT 'unverified' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "policy_actions_date_partial_date" CHECK ("date" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$')
);
--> statement-breakpoint
CREATE TABLE "policy_identifiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"scheme" "identifier_scheme" NOT NULL,
	"value" text NOT NULL,
	"normalized" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"verification" "verification_state" DEFAULT 'unverified' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "policy_identifiers_policy_normalized_uq" UNIQUE("policy_id","normalized")
);
--> statement-breakpoint
CREATE TABLE "policy_relations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_policy_id" uuid NOT NULL,
	"to_policy_id" uuid NOT NULL,
	"kind" "relation_kind" NOT NULL,
	CONSTRAINT "policy_relations_uq" UNIQUE("from_policy_id","to_policy_id","kind"),
	CONSTRAINT "policy_relations_not_self" CHECK ("policy_relations"."from_policy_id" <> "policy_relations"."to_policy_id")
);
--> statement-breakpoint
CREATE TABLE "policy_topics" (
	"policy_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "policy_topics_policy_id_topic_id_pk" PRIMARY KEY("policy_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "provisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"category" "rubric_category" NOT NULL,
	"text_es" text NOT NULL,
	"text_en" text NOT NULL,
	"text_es_state" "translation_state" DEFAULT 'original' NOT NULL,
	"text_en_state" "translation_state" DEFAULT 'original' NOT NULL,
	"verification" "verification_state" DEFAULT 'unverified' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_lexicon" (
	"word" text PRIMARY KEY NOT NULL,
	"documents" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"url" text,
	"citation" text,
	"title" text,
	"publisher" text,
	"accessed_on" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sources_url_or_citation" CHECK ("sources"."url" is not null or "sources"."citation" is not null)
);
--> statement-breakpoint
CREATE TABLE "talking_point_policies" (
	"talking_point_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	CONSTRAINT "talking_point_policies_talking_point_id_policy_id_pk" PRIMARY KEY("talking_point_id","policy_id")
);
--> statement-breakpoint
CREATE TABLE "talking_point_topics" (
	"talking_point_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "talking_point_topics_talking_point_id_topic_id_pk" PRIMARY KEY("talking_point_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "talking_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"audience" "audience" NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"text_es" text DEFAULT '' NOT NULL,
	"text_en" text DEFAULT '' NOT NULL,
	"text_es_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"text_en_state" "translation_state" DEFAULT 'missing' NOT NULL,
	"content_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "talking_points_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name_es" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"content_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topics_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_parent_id_bodies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."bodies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_policies" ADD CONSTRAINT "faq_policies_faq_id_faq_entries_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faq_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_policies" ADD CONSTRAINT "faq_policies_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_topics" ADD CONSTRAINT "faq_topics_faq_id_faq_entries_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faq_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_topics" ADD CONSTRAINT "faq_topics_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jurisdictions" ADD CONSTRAINT "jurisdictions_parent_id_jurisdictions_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."jurisdictions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_actions" ADD CONSTRAINT "policy_actions_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_actions" ADD CONSTRAINT "policy_actions_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_identifiers" ADD CONSTRAINT "policy_identifiers_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_relations" ADD CONSTRAINT "policy_relations_from_policy_id_policies_id_fk" FOREIGN KEY ("from_policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_relations" ADD CONSTRAINT "policy_relations_to_policy_id_policies_id_fk" FOREIGN KEY ("to_policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_topics" ADD CONSTRAINT "policy_topics_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_topics" ADD CONSTRAINT "policy_topics_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisions" ADD CONSTRAINT "provisions_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talking_point_policies" ADD CONSTRAINT "talking_point_policies_talking_point_id_talking_points_id_fk" FOREIGN KEY ("talking_point_id") REFERENCES "public"."talking_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talking_point_policies" ADD CONSTRAINT "talking_point_policies_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talking_point_topics" ADD CONSTRAINT "talking_point_topics_talking_point_id_talking_points_id_fk" FOREIGN KEY ("talking_point_id") REFERENCES "public"."talking_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talking_point_topics" ADD CONSTRAINT "talking_point_topics_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bodies_jurisdiction_idx" ON "bodies" USING btree ("jurisdiction_id");--> statement-breakpoint
CREATE INDEX "jurisdictions_parent_idx" ON "jurisdictions" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "policies_jurisdiction_idx" ON "policies" USING btree ("jurisdiction_id");--> statement-breakpoint
CREATE INDEX "policies_adopted_idx" ON "policies" USING btree ("adopted_on");--> statement-breakpoint
CREATE INDEX "policies_search_es_idx" ON "policies" USING gin ("search_es");--> statement-breakpoint
CREATE INDEX "policies_search_en_idx" ON "policies" USING gin ("search_en");--> statement-breakpoint
CREATE INDEX "policy_actions_policy_idx" ON "policy_actions" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "policy_identifiers_normalized_idx" ON "policy_identifiers" USING btree ("normalized");--> statement-breakpoint
CREATE INDEX "policy_identifiers_trgm_idx" ON "policy_identifiers" USING gin ("normalized" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "policy_relations_to_idx" ON "policy_relations" USING btree ("to_policy_id");--> statement-breakpoint
CREATE INDEX "policy_topics_topic_idx" ON "policy_topics" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "provisions_policy_idx" ON "provisions" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "provisions_category_idx" ON "provisions" USING btree ("category");--> statement-breakpoint
CREATE INDEX "search_lexicon_trgm_idx" ON "search_lexicon" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sources_policy_idx" ON "sources" USING btree ("policy_id");