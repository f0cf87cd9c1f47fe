import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { accountEmail, accountVehicles, parseAuthorize, readSession } from "@/lib/simulator/connect";
import { getSimulator, simulatorEnabled } from "@/lib/simulator/runtime";
import { CONNECT_BRANDS } from "@/lib/simulator/seed";
import { ConnectError, ConnectFrame, LoginFields, primaryButton, secondaryButton } from "../../connect-frame";

export const metadata: Metadata = { title: "Smartcar Connect (emulator)" };

const PERMISSION_LABELS: Record<string, string> = {
  read_vehicle_info: "Make, model and year",
  read_vin: "VIN",
  read_odometer: "Odometer",
  read_location: "Location",
  read_battery: "Battery level and range",
  read_charge: "Charging status",
  read_charge_records: "Charging history",
  read_fuel: "Fuel tank level",
  read_tires: "Tire pressure",
  read_engine_oil: "Engine oil life",
  read_security: "Lock status",
  read_climate: "Climate settings",
  read_compass: "Heading",
  read_speedometer: "Speed",
  read_thermometer: "Temperatures",
  read_extended_vehicle_info: "Vehicle configuration",
  read_user_profile: "Your profile",
  control_security: "Lock and unlock your vehicle",
  control_charge: "Start and stop charging",
  control_climate: "Control climate",
  control_navigation: "Send destinations",
  control_pin: "Manage the vehicle PIN",
  control_trunk: "Open the trunk",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function toQuery(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string") query.set(key, value);
    else if (Array.isArray(value) && value[0] !== undefined) query.set(key, value[0]);
  }
  return query;
}

export default async function AuthorizePage({ searchParams }: { searchParams: SearchParams }) {
  if (!simulatorEnabled()) notFound();
  const ctx = getSimulator().ctx;
  const query = toQuery(await searchParams);
  const parsed = parseAuthorize(ctx, query);
  if (parsed.kind === "invalid") return <ConnectError message={parsed.message} />;
  if (parsed.kind === "redirect") {
    return (
      <ConnectFrame title="This request can't be completed" subtitle="The application asked for something Connect does not support.">
        <a className={primaryButton} href={parsed.url}>
          Back to application
        </a>
      </ConnectFrame>
    );
  }
  const request = parsed.request;
  const loginError = query.get("login_error") ?? undefined;
  const formQuery = new URLSearchParams(query);
  formQuery.delete("login_error");
  const session = readSession(ctx, query.get("session"));

  if (session) {
    const vehicles = await accountVehicles(ctx, session.userId);
    const email = await accountEmail(ctx, session.userId);
    return (
      <ConnectFrame title="Fleetdeck wants access" subtitle={<>Signed in as <strong>{email}</strong>. Choose the vehicles and permissions to share.</>}>
        <form method="post" action="/sim/connect/oauth/submit" className="space-y-5">
          <input type="hidden" name="step" value="grant" />
          <input type="hidden" name="query" value={formQuery.toString()} />
          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold">Vehicles</legend>
            {vehicles.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">No vehicles on this account.</p> : null}
            <div className="max-h-64 space-y-2 overflow-y-auto">
              {vehicles.map((vehicle, index) => (
                <label key={vehicle.id} className="flex items-center gap-3 rounded-lg px-3 py-2 ring-1 ring-slate-200 has-[:checked]:ring-brand-500 dark:ring-slate-700">
                  <input
                    type={request.singleSelect ? "radio" : "checkbox"}
                    name="vehicle"
                    value={vehicle.id}
                    defaultChecked={request.singleSelect ? index === 0 : true}
                    className="size-4 accent-brand-600"
                  />
                  <span className="text-sm">
                    <span className="font-medium">
                      {vehicle.year} {vehicle.make} {vehicle.model}
                    </span>
                    <span className="block text-xs text-slate-500 dark:text-slate-400">
                      {vehicle.nickname} · VIN {vehicle.vin}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold">Permissions</legend>
            <ul className="space-y-1.5">
              {request.permissions.map((permission) => {
                const required = request.required.includes(permission);
                return (
                  <li key={permission}>
                    <label className="flex items-center gap-3 text-sm">
                      <input type="checkbox" name="permission" value={permission} defaultChecked disabled={required} className="size-4 accent-brand-600" />
                      {PERMISSION_LABELS[permission] ?? permission}
                      {required ? <span className="text-xs text-slate-500 dark:text-slate-400">(required)</span> : null}
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <div className="grid grid-cols-2 gap-3">
            <button type="submit" name="decision" value="deny" className={secondaryButton}>
              Deny
            </button>
            <button type="submit" name="decision" value="allow" className={primaryButton}>
              Allow
            </button>
          </div>
        </form>
      </ConnectFrame>
    );
  }

  if (request.make) {
    return (
      <ConnectFrame title={`Sign in to ${request.make}`} subtitle="Use the email and password of your connected-services account.">
        <form method="post" action="/sim/connect/oauth/submit" className="space-y-4">
          <input type="hidden" name="step" value="login" />
          <input type="hidden" name="query" value={formQuery.toString()} />
          <input type="hidden" name="make" value={request.make} />
          <LoginFields error={loginError} />
          <button type="submit" className={primaryButton}>
            Continue
          </button>
        </form>
      </ConnectFrame>
    );
  }

  return (
    <ConnectFrame title="Connect your car" subtitle="Fleetdeck uses Smartcar to connect to your vehicle. Choose its brand.">
      <form method="get" className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        {[...query.entries()].map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        {CONNECT_BRANDS.map((brand) => (
          <button key={brand} type="submit" name="make" value={brand.toUpperCase()} className={secondaryButton}>
            {brand}
          </button>
        ))}
      </form>
    </ConnectFrame>
  );
}
