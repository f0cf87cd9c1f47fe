import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/guards";
import { describeWorld, ERROR_CHOICES } from "@/lib/simulator/operations";
import { getSimulator, simulatorEnabled } from "@/lib/simulator/runtime";
import { CONNECT_BRANDS } from "@/lib/simulator/seed";
import { advanceClockAction, makeErrorAction, resetAction, vehicleAction, webhookAction } from "./actions";

export const metadata: Metadata = { title: "Emulator control" };

const button =
  "inline-flex items-center justify-center rounded-md px-2.5 py-1.5 text-xs font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800";
const primary = "inline-flex items-center justify-center rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700";
const select = "min-w-0 max-w-full truncate rounded-md border-0 bg-white py-1.5 pl-2 pr-7 text-xs ring-1 ring-inset ring-slate-300 dark:bg-slate-900 dark:ring-slate-700";
const section = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900";

function ErrorSelect({ label, defaultValue, className }: { label: string; defaultValue?: string; className?: string }) {
  return (
    <select name="error" aria-label={label} defaultValue={defaultValue} className={`${select} ${className ?? ""}`}>
      {ERROR_CHOICES.map((choice) => (
        <option key={choice} value={choice}>
          {choice}
        </option>
      ))}
    </select>
  );
}

function activityLabel(vehicle: { activity: string; asleep: boolean; charging: boolean; plugged: boolean }): string {
  if (vehicle.activity === "driving") return "Driving";
  if (vehicle.charging) return "Charging";
  if (vehicle.plugged) return "Plugged in";
  return vehicle.asleep ? "Asleep" : "Parked";
}

export default async function SimulatorControlPage() {
  if (!simulatorEnabled()) notFound();
  await requireRole("manager");
  const world = await describeWorld(getSimulator().ctx);
  const errorsByTarget = new Map(world.injectedErrors.map((error) => [error.target, error]));

  return (
    <main className="mx-auto max-w-7xl space-y-6 px-4 py-8 sm:px-6">
      <Link href="/fleet" className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100" data-testid="back-to-app">
        <ArrowLeft aria-hidden className="size-4" /> Back to Fleetdeck
      </Link>
      <header className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Smartcar emulator</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Drive the simulated fleet during a demo. Simulated time: <time dateTime={world.clock.now}>{new Date(world.clock.now).toLocaleString("en-US", { timeZone: "UTC" })} UTC</time>
            {world.clock.offsetMinutes > 0 ? ` (+${world.clock.offsetMinutes} min)` : ""}
          </p>
        </div>
        <form action={resetAction}>
          <button type="submit" className="inline-flex items-center rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700">
            Reset to seed
          </button>
        </form>
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <section className={section} aria-labelledby="clock-heading">
          <h2 id="clock-heading" className="text-sm font-semibold">Clock</h2>
          <div className="mt-3 flex flex-wrap gap-2">
            {[15, 60, 360].map((minutes) => (
              <form key={minutes} action={advanceClockAction}>
                <input type="hidden" name="minutes" value={minutes} />
                <button type="submit" className={primary}>
                  {minutes < 60 ? `+${minutes} min` : `+${minutes / 60} h`}
                </button>
              </form>
            ))}
          </div>
        </section>

        <section className={section} aria-labelledby="make-heading">
          <h2 id="make-heading" className="text-sm font-semibold">Make-wide error (OEM migration)</h2>
          <form action={makeErrorAction} className="mt-3 grid gap-2" data-testid="make-error-form">
            <select name="make" aria-label="Make" className={`${select} w-full`} defaultValue="TESLA">
              {CONNECT_BRANDS.map((brand) => (
                <option key={brand} value={brand.toUpperCase()}>
                  {brand}
                </option>
              ))}
            </select>
            <ErrorSelect label="Make error" defaultValue="CONNECTED_SERVICES_ACCOUNT:AUTHENTICATION_FAILED" className="w-full" />
            <div className="flex flex-wrap gap-2">
              <button type="submit" name="action" value="inject" className={button}>
                Inject for make
              </button>
              <button type="submit" name="action" value="clear" className={button}>
                Clear for make
              </button>
            </div>
          </form>
          <ul className="mt-3 space-y-1 text-xs text-slate-600 dark:text-slate-400">
            {world.injectedErrors.filter((error) => error.scope === "make").map((error) => (
              <li key={error.target}>
                {error.target}: {error.type}:{error.code ?? "null"}
              </li>
            ))}
          </ul>
        </section>

        <section className={section} aria-labelledby="webhook-heading">
          <h2 id="webhook-heading" className="text-sm font-semibold">Webhook</h2>
          <p className="mt-2 break-all text-xs text-slate-600 dark:text-slate-400">
            {world.webhook.callbackUrl ?? "No callback URL"} ·{" "}
            <span data-testid="webhook-status">{world.webhook.verified ? "verified" : "not verified"}</span>
          </p>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Delivered {world.webhook.deliveries.delivered ?? 0} · pending {world.webhook.deliveries.pending ?? 0} · dropped {world.webhook.deliveries.dropped ?? 0}
          </p>
          <form action={webhookAction} className="mt-3 flex flex-wrap items-center gap-3 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="checkbox" name="duplicates" defaultChecked={world.webhook.duplicates} className="accent-brand-600" /> Duplicates
            </label>
            <label className="flex items-center gap-1.5">
              <input type="checkbox" name="reordering" defaultChecked={world.webhook.reordering} className="accent-brand-600" /> Reordering
            </label>
            <button type="submit" name="action" value="toggles" className={button}>
              Save delivery options
            </button>
            <button type="submit" name="action" value="verify" className={button}>
              Verify now
            </button>
          </form>
        </section>
      </div>

      <section className={`${section} overflow-x-auto p-0`} aria-labelledby="vehicles-heading">
        <h2 id="vehicles-heading" className="px-5 pt-4 text-sm font-semibold">
          Vehicles ({world.vehicles.length})
        </h2>
        <table className="mt-3 w-full min-w-[900px] text-left text-sm">
          <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-400">
            <tr>
              <th className="px-4 py-2 font-medium">Vehicle</th>
              <th className="px-4 py-2 font-medium">State</th>
              <th className="px-4 py-2 font-medium">Energy</th>
              <th className="px-4 py-2 font-medium">Actions</th>
              <th className="px-4 py-2 font-medium">Error</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {world.vehicles.map((vehicle) => {
              const label = `${vehicle.nickname}`;
              const error = errorsByTarget.get(vehicle.id);
              const electric = vehicle.powertrainType !== "ICE";
              return (
                <tr key={vehicle.id} aria-label={label}>
                  <td className="px-4 py-2">
                    <div className="font-medium">{vehicle.nickname}</div>
                    <div className="text-xs text-slate-500 dark:text-slate-400">
                      {vehicle.year} {vehicle.make} {vehicle.model} · {vehicle.powertrainType} · {vehicle.connectedUserIds.length ? "connected" : "not connected"}
                    </div>
                  </td>
                  <td className="px-4 py-2">
                    {activityLabel(vehicle)}
                    {vehicle.locked ? "" : " · unlocked"}
                    {vehicle.doorOpen ? " · door open" : ""}
                    <div className="whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">{vehicle.odometerKm.toLocaleString("en-US")} km</div>
                  </td>
                  <td className="px-4 py-2 tabular-nums">
                    {vehicle.socPercent !== null ? `${vehicle.socPercent}%` : ""}
                    {vehicle.socPercent !== null && vehicle.fuelPercent !== null ? " · " : ""}
                    {vehicle.fuelPercent !== null ? `fuel ${vehicle.fuelPercent}%` : ""}
                  </td>
                  <td className="px-4 py-2">
                    <form action={vehicleAction} className="flex flex-wrap gap-1.5">
                      <input type="hidden" name="vehicleId" value={vehicle.id} />
                      {vehicle.activity === "driving" ? (
                        <button type="submit" name="action" value="end-trip" className={button} aria-label={`Park ${label}`}>
                          Park
                        </button>
                      ) : (
                        <button type="submit" name="action" value="start-trip" className={button} aria-label={`Start trip ${label}`}>
                          Start trip
                        </button>
                      )}
                      {electric && !vehicle.charging ? (
                        <button type="submit" name="action" value="start-charge" className={button} aria-label={`Charge ${label}`}>
                          Charge
                        </button>
                      ) : null}
                      {electric && vehicle.charging ? (
                        <button type="submit" name="action" value="stop-charge" className={button} aria-label={`Stop charge ${label}`}>
                          Stop charge
                        </button>
                      ) : null}
                      {electric && vehicle.plugged ? (
                        <button type="submit" name="action" value="unplug" className={button} aria-label={`Unplug ${label}`}>
                          Unplug
                        </button>
                      ) : null}
                      <button type="submit" name="action" value="drain" className={button} aria-label={`Drain ${label}`}>
                        Drain
                      </button>
                      <button type="submit" name="action" value={vehicle.doorOpen ? "close-door" : "open-door"} className={button} aria-label={`${vehicle.doorOpen ? "Close" : "Open"} door ${label}`}>
                        {vehicle.doorOpen ? "Close door" : "Open door"}
                      </button>
                      {vehicle.manual ? (
                        <button type="submit" name="action" value="release" className={button} aria-label={`Resume schedule ${label}`}>
                          Resume schedule
                        </button>
                      ) : null}
                      {vehicle.connectedUserIds.length ? (
                        <button type="submit" name="action" value="revoke" className={button} aria-label={`Revoke access ${label}`}>
                          Revoke
                        </button>
                      ) : null}
                    </form>
                  </td>
                  <td className="px-4 py-2">
                    <form action={vehicleAction} className="flex flex-wrap items-center gap-1.5">
                      <input type="hidden" name="vehicleId" value={vehicle.id} />
                      {error ? (
                        <>
                          <span data-testid="vehicle-error" className="rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-700 dark:bg-red-950/50 dark:text-red-300">
                            {error.type}:{error.code ?? "null"}
                          </span>
                          <button type="submit" name="action" value="clear-error" className={button} aria-label={`Clear error ${label}`}>
                            Clear
                          </button>
                        </>
                      ) : (
                        <>
                          <ErrorSelect label={`Error for ${label}`} defaultValue="VEHICLE_STATE:UNREACHABLE" className="w-56" />
                          <button type="submit" name="action" value="inject-error" className={button} aria-label={`Inject error ${label}`}>
                            Inject
                          </button>
                        </>
                      )}
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className={section} aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" className="text-sm font-semibold">Recent webhook events</h2>
        <ul className="mt-3 divide-y divide-slate-100 text-xs dark:divide-slate-800">
          {world.webhook.recent.length === 0 ? <li className="py-2 text-slate-500 dark:text-slate-400">No events yet.</li> : null}
          {world.webhook.recent.map((event) => (
            <li key={event.eventId} className="flex flex-wrap justify-between gap-2 py-1.5">
              <span className="font-mono">{event.eventType}</span>
              <span className="text-slate-500 dark:text-slate-400">{event.vehicleId}</span>
              <span>
                {event.status} · {event.attempts} attempt{event.attempts === 1 ? "" : "s"}
                {event.lastResult ? ` · ${event.lastResult}` : ""}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
