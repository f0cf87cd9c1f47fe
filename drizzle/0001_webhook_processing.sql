CREATE TABLE "vehicle_error_signals" (
	"error_id" uuid NOT NULL,
	"code" text NOT NULL,
	CONSTRAINT "vehicle_error_signals_error_id_code_pk" PRIMARY KEY("error_id","code")
);
--> statement-breakpoint
CREATE TABLE "webhook_processed_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"delivery_id" bigint NOT NULL,
	"processed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "signature" text DEFAULT 'valid' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "delivered_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "smartcar_user_id" text;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "vehicle_id" uuid;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "available_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "result" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "replayed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "vehicle_error_signals" ADD CONSTRAINT "vehicle_error_signals_error_id_vehicle_errors_id_fk" FOREIGN KEY ("error_id") REFERENCES "public"."vehicle_errors"("id") ON DELETE cascade ON UPDATE no action;