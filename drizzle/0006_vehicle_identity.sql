ALTER TABLE "vehicles" ADD COLUMN "license_plate" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "fleet_label" text;--> statement-breakpoint
CREATE INDEX "vehicles_display_name_idx" ON "vehicles" USING btree ((lower(coalesce(nullif(btrim("nickname"), ''), "year"::text || ' ' || "make" || ' ' || "model")) collate "C"),"id");