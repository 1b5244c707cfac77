CREATE TABLE "division_boundaries" (
	"division_ocd_id" text PRIMARY KEY NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lon" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"source" text,
	"content_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "divisions" (
	"ocd_id" text PRIMARY KEY NOT NULL,
	"name" text,
	"parent_ocd_id" text,
	"same_as" text,
	"valid_from" text,
	"valid_through" text,
	"identifiers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "divisions_valid_from_partial_date" CHECK ("valid_from" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "divisions_valid_through_partial_date" CHECK ("valid_through" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$')
);
--> statement-breakpoint
ALTER TABLE "division_boundaries" ADD CONSTRAINT "division_boundaries_division_ocd_id_divisions_ocd_id_fk" FOREIGN KEY ("division_ocd_id") REFERENCES "public"."divisions"("ocd_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "divisions_parent_idx" ON "divisions" USING btree ("parent_ocd_id");