-- A published form or template version never changes: directives already running depend on it.
CREATE OR REPLACE FUNCTION cascade_refuse_published_change() RETURNS trigger AS $$
BEGIN
  IF OLD.published_at IS NOT NULL THEN
    RAISE EXCEPTION 'published version %:% of % is immutable', OLD.key, OLD.version, TG_TABLE_NAME
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER form_versions_frozen BEFORE UPDATE OR DELETE ON form_versions
  FOR EACH ROW EXECUTE FUNCTION cascade_refuse_published_change();
--> statement-breakpoint
CREATE TRIGGER template_versions_frozen BEFORE UPDATE OR DELETE ON template_versions
  FOR EACH ROW EXECUTE FUNCTION cascade_refuse_published_change();
--> statement-breakpoint
-- History is append-only. Someone with enough rights can still disable this trigger; `audit verify`
-- is what detects that, by the hash chain.
CREATE OR REPLACE FUNCTION cascade_refuse_history_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'history is append-only' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history
  FOR EACH ROW EXECUTE FUNCTION cascade_refuse_history_change();
