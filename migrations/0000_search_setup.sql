-- Search configuration, identical on PGlite and PostgreSQL 15+.
-- unaccent and pg_trgm are trusted extensions: a database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- Spanish and English stemming with accents folded first, so "detencion" finds "detención".
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'igualdad_es') THEN
    CREATE TEXT SEARCH CONFIGURATION igualdad_es (COPY = pg_catalog.spanish);
    ALTER TEXT SEARCH CONFIGURATION igualdad_es
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'igualdad_en') THEN
    CREATE TEXT SEARCH CONFIGURATION igualdad_en (COPY = pg_catalog.english);
    ALTER TEXT SEARCH CONFIGURATION igualdad_en
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'igualdad_simple') THEN
    CREATE TEXT SEARCH CONFIGURATION igualdad_simple (COPY = pg_catalog.simple);
    ALTER TEXT SEARCH CONFIGURATION igualdad_simple
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END $$;
