-- Indexes behind the fleet pages: the vehicles list (default sort by make/model, sort by last signal)
-- and the status derivation, which looks up open errors per vehicle.
CREATE INDEX IF NOT EXISTS "vehicles_make_model_idx" ON "vehicles" USING btree ("make", "model", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "vehicles_last_signal_idx" ON "vehicles" USING btree ("last_signal_at" DESC NULLS LAST, "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "vehicle_errors_open_vehicle_idx" ON "vehicle_errors" USING btree ("vehicle_id") WHERE "state" = 'open';
