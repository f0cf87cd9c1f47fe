CREATE TYPE "public"."reconnect_campaign_reason" AS ENUM('oem_migration', 'credential_reset', 'other');--> statement-breakpoint
CREATE TYPE "public"."outbox_kind" AS ENUM('reconnect_link', 'reminder');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('stored', 'pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."reconnect_via" AS ENUM('app', 'link');--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "outbox_kind" NOT NULL,
	"to_email" text NOT NULL,
	"to_user_id" uuid,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"vehicle_id" uuid,
	"link_id" uuid,
	"campaign_id" uuid,
	"status" "outbox_status" NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reconnect_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"reason" "reconnect_campaign_reason" NOT NULL,
	"message" text NOT NULL,
	"selection" jsonb NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconnect_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"owner_id" uuid,
	"via" "reconnect_via" NOT NULL,
	"link_id" uuid,
	"errors_closed" integer DEFAULT 0 NOT NULL,
	"reconnected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconnect_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"campaign_id" uuid,
	"created_by" uuid,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"reconnected_at" timestamp with time zone,
	"connect_attempt_id" uuid,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"last_reminded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_link_id_reconnect_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."reconnect_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_campaign_id_reconnect_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."reconnect_campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconnect_campaigns" ADD CONSTRAINT "reconnect_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconnect_events" ADD CONSTRAINT "reconnect_events_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconnect_events" ADD CONSTRAINT "reconnect_events_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconnect_events" ADD CONSTRAINT "reconnect_events_link_id_reconnect_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."reconnect_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconnect_links" ADD CONSTRAINT "reconnect_links_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconnect_links" ADD CONSTRAINT "reconnect_links_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconnect_links" ADD CONSTRAINT "reconnect_links_campaign_id_reconnect_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."reconnect_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconnect_links" ADD CONSTRAINT "reconnect_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconnect_links" ADD CONSTRAINT "reconnect_links_connect_attempt_id_connect_attempts_id_fk" FOREIGN KEY ("connect_attempt_id") REFERENCES "public"."connect_attempts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_messages_created_idx" ON "outbox_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_campaign_idx" ON "outbox_messages" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "reconnect_events_vehicle_idx" ON "reconnect_events" USING btree ("vehicle_id","reconnected_at");--> statement-breakpoint
CREATE INDEX "reconnect_links_vehicle_idx" ON "reconnect_links" USING btree ("vehicle_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reconnect_links_campaign_vehicle_uq" ON "reconnect_links" USING btree ("campaign_id","vehicle_id") WHERE "reconnect_links"."campaign_id" is not null;