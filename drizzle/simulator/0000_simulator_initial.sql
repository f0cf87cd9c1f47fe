CREATE TABLE "sim_auth_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"vehicle_ids" jsonb NOT NULL,
	"permissions" jsonb NOT NULL,
	"redirect_uri" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sim_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"vehicle_id" text NOT NULL,
	"permissions" jsonb NOT NULL,
	"mode" text DEFAULT 'simulated' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_deliveries" (
	"event_id" text PRIMARY KEY NOT NULL,
	"event_type" text NOT NULL,
	"vehicle_id" text,
	"mode" text DEFAULT 'LIVE' NOT NULL,
	"envelope" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_result" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_injected_errors" (
	"scope" text NOT NULL,
	"target" text NOT NULL,
	"type" text NOT NULL,
	"code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sim_injected_errors_scope_target_pk" PRIMARY KEY("scope","target")
);
--> statement-breakpoint
CREATE TABLE "sim_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"clock_offset_ms" bigint DEFAULT 0 NOT NULL,
	"stepped_until_ms" bigint NOT NULL,
	"webhook_id" text NOT NULL,
	"webhook_name" text NOT NULL,
	"callback_url" text,
	"verified_url" text,
	"verify_attempts" integer DEFAULT 0 NOT NULL,
	"next_verify_at" timestamp with time zone,
	"triggers" jsonb NOT NULL,
	"signals" jsonb NOT NULL,
	"duplicates" boolean DEFAULT false NOT NULL,
	"reordering" boolean DEFAULT false NOT NULL,
	"seeded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sim_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"user_id" text,
	"vehicle_ids" jsonb,
	"permissions" jsonb,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"make" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_vehicles" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"vin" text NOT NULL,
	"make" text NOT NULL,
	"model" text NOT NULL,
	"year" integer NOT NULL,
	"powertrain_type" text NOT NULL,
	"nickname" text NOT NULL,
	"state" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sim_connections_user_idx" ON "sim_connections" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sim_connections_vehicle_idx" ON "sim_connections" USING btree ("vehicle_id");--> statement-breakpoint
CREATE INDEX "sim_deliveries_due_idx" ON "sim_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "sim_users_email_idx" ON "sim_users" USING btree ("email","make");--> statement-breakpoint
CREATE INDEX "sim_vehicles_owner_idx" ON "sim_vehicles" USING btree ("owner_id");