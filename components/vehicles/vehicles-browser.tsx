"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, ArrowUpDown, Car, Loader2, Search, SearchX, X } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { Label, Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import type { VehicleListPage } from "@/lib/fleet/vehicle-list";
import {
  BATTERY_BANDS,
  DEFAULT_VEHICLE_LIST_QUERY,
  PAGE_SIZES,
  hasActiveFilters,
  parseVehicleListQuery,
  serializeVehicleListQuery,
  sortDirection,
  type VehicleListQuery,
  type VehicleSort,
} from "@/lib/fleet/vehicle-list-query";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import { VEHICLE_STATUSES, VEHICLE_STATUS_LABELS } from "@/lib/fleet/vehicle-status";
import { BatteryMeter } from "./battery-meter";
import { VehicleStatusBadge } from "./vehicle-status-badge";

const SORT_LABELS: Record<VehicleSort, string> = {
  name: "Name",
  year: "Year",
  lastSignal: "Last signal",
  battery: "Battery",
  status: "Urgency",
};

const SEARCH_DEBOUNCE_MS = 300;

class VehicleListError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function fetchVehicleList(search: string, signal: AbortSignal): Promise<VehicleListPage> {
  const response = await fetch(`/api/vehicles${search ? `?${search}` : ""}`, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new VehicleListError(body?.message ?? `The vehicle list could not be loaded (HTTP ${response.status}).`, response.status);
  }
  return (await response.json()) as VehicleListPage;
}

/**
 * The interactive vehicles list. Its state lives in the URL (so it can be shared, bookmarked and
 * walked with Back/Forward); changes go through the History API, which Next's useSearchParams
 * follows without a server round trip, and the rows come from /api/vehicles via TanStack Query.
 */
export function VehiclesBrowser({
  initialSearch,
  initialPage,
  makes,
  showOwners,
}: {
  /** The canonical search string the server rendered `initialPage` for. */
  initialSearch: string;
  initialPage: VehicleListPage;
  makes: string[];
  showOwners: boolean;
}) {
  const searchParams = useSearchParams();
  const query = useMemo(() => parseVehicleListQuery(new URLSearchParams(searchParams.toString())), [searchParams]);
  const search = serializeVehicleListQuery(query).toString();

  const list = useQuery({
    queryKey: ["vehicles", "list", search],
    queryFn: ({ signal }) => fetchVehicleList(search, signal),
    initialData: search === initialSearch ? initialPage : undefined,
    placeholderData: keepPreviousData,
  });

  const navigate = (next: VehicleListQuery, mode: "push" | "replace" = "push") => {
    const nextSearch = serializeVehicleListQuery(next).toString();
    const url = nextSearch ? `?${nextSearch}` : window.location.pathname;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };
  const update = (changes: Partial<VehicleListQuery>) => navigate({ ...query, page: 1, ...changes });

  // The search box is typed into locally and written to the URL after a pause; Back/Forward
  // (a URL the box did not produce) resets the box.
  const [searchText, setSearchText] = useState(query.q ?? "");
  const [urlSearchText, setUrlSearchText] = useState(query.q ?? "");
  if ((query.q ?? "") !== urlSearchText) {
    setUrlSearchText(query.q ?? "");
    if (searchText.trim() !== (query.q ?? "")) setSearchText(query.q ?? "");
  }
  useEffect(() => {
    const typed = searchText.trim();
    if (typed === (query.q ?? "")) return;
    const timer = setTimeout(() => navigate({ ...query, q: typed || undefined, page: 1 }, "replace"), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  });

  const page = list.data;
  const filtered = hasActiveFilters(query);
  const direction = sortDirection(query);
  const busy = list.isFetching && list.isPlaceholderData;

  const sortHeader = (sort: VehicleSort, label: string) => {
    const active = query.sort === sort;
    const Icon = active ? (direction === "asc" ? ArrowUp : ArrowDown) : ArrowUpDown;
    return (
      <button
        type="button"
        onClick={() => update({ sort, dir: active ? (direction === "asc" ? "desc" : "asc") : undefined })}
        className="group inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-900 dark:hover:text-white"
      >
        {label}
        <Icon aria-hidden className={cn("size-3.5", active ? "text-brand-600 dark:text-brand-300" : "opacity-40 group-hover:opacity-100")} />
        <span className="sr-only">{active ? `, sorted ${direction === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
      </button>
    );
  };
  const ariaSort = (sort: VehicleSort) => (query.sort === sort ? (direction === "asc" ? "ascending" : "descending") : undefined);

  return (
    <div>
      <form
        role="search"
        aria-label="Filter vehicles"
        className="grid grid-cols-2 gap-3 border-b border-slate-200 p-4 lg:grid-cols-[minmax(14rem,2fr)_repeat(4,minmax(8rem,1fr))] dark:border-slate-800"
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: searchText.trim() || undefined });
        }}
      >
        <div className="col-span-2 lg:col-span-1">
          <Label htmlFor="vehicle-search">Search</Label>
          <Input
            id="vehicle-search"
            type="search"
            icon={Search}
            placeholder="VIN, name, plate, label or owner"
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            autoComplete="off"
            maxLength={100}
          />
        </div>
        <div>
          <Label htmlFor="vehicle-make">Make</Label>
          <Select id="vehicle-make" value={query.make ?? ""} onChange={(event) => update({ make: event.target.value || undefined })}>
            <option value="">All makes</option>
            {makes.map((make) => (
              <option key={make} value={make}>
                {make}
              </option>
            ))}
            {query.make && !makes.includes(query.make) ? <option value={query.make}>{query.make}</option> : null}
          </Select>
        </div>
        <div>
          <Label htmlFor="vehicle-status">Status</Label>
          <Select id="vehicle-status" value={query.status ?? ""} onChange={(event) => update({ status: (event.target.value || undefined) as VehicleListQuery["status"] })}>
            <option value="">All statuses</option>
            {VEHICLE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {VEHICLE_STATUS_LABELS[status]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="vehicle-battery">Battery</Label>
          <Select id="vehicle-battery" value={query.battery ?? ""} onChange={(event) => update({ battery: (event.target.value || undefined) as VehicleListQuery["battery"] })}>
            <option value="">Any level</option>
            {BATTERY_BANDS.map((band) => (
              <option key={band} value={band}>
                {band.replace("-", "–")} %
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="vehicle-sort">Sort by</Label>
          <Select id="vehicle-sort" value={query.sort} onChange={(event) => update({ sort: event.target.value as VehicleSort, dir: undefined })}>
            {(Object.keys(SORT_LABELS) as VehicleSort[]).map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </Select>
        </div>
      </form>

      <div className="flex min-h-11 flex-wrap items-center justify-between gap-2 px-5 py-2.5 text-sm text-slate-600 dark:text-slate-400">
        <p aria-live="polite" data-testid="vehicle-count">
          {page ? (
            page.total === 0 ? (
              "No vehicles"
            ) : (
              <>
                Showing <span className="font-medium tabular-nums text-slate-900 dark:text-white">{(page.page - 1) * page.size + 1}–{(page.page - 1) * page.size + page.rows.length}</span> of{" "}
                <span className="font-medium tabular-nums text-slate-900 dark:text-white">{page.total.toLocaleString("en-US")}</span> vehicles
              </>
            )
          ) : (
            "Loading vehicles…"
          )}
        </p>
        <div className="flex items-center gap-3">
          {busy ? (
            <span className="inline-flex items-center gap-1.5 text-xs">
              <Loader2 aria-hidden className="size-3.5 animate-spin" /> Updating…
            </span>
          ) : null}
          {filtered ? (
            <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => navigate({ ...DEFAULT_VEHICLE_LIST_QUERY, size: query.size })}>
              <X aria-hidden className="size-3.5" /> Clear filters
            </Button>
          ) : null}
        </div>
      </div>

      {list.isError && !page ? (
        <div data-testid="vehicle-list-error" className="m-5 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-200">
          <p className="font-medium">{list.error.message}</p>
          {list.error instanceof VehicleListError && list.error.status === 401 ? (
            <Link href="/sign-in" className="mt-2 inline-block underline">
              Sign in again
            </Link>
          ) : (
            <Button type="button" variant="secondary" className="mt-3" onClick={() => list.refetch()}>
              Try again
            </Button>
          )}
        </div>
      ) : !page ? (
        <TableSkeleton rows={Math.min(query.size, 10)} />
      ) : page.total === 0 ? (
        filtered ? (
          <EmptyState
            icon={SearchX}
            title="No vehicles match these filters"
            description="Try a shorter search, another make or status, or clear the filters to see the whole list."
            action={
              <Button type="button" variant="secondary" onClick={() => navigate({ ...DEFAULT_VEHICLE_LIST_QUERY, size: query.size })}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={Car}
            title="No vehicles yet"
            description="Vehicles appear here as soon as an owner connects one through Smartcar Connect."
          />
        )
      ) : (
        <div className={cn("transition-opacity md:overflow-x-auto", busy && "opacity-60")} aria-busy={busy}>
          {/* A table from md up; below, each row is a card (same markup, so nothing scrolls sideways on a phone). */}
          <table className="block min-w-full text-sm md:table md:divide-y md:divide-slate-200 md:dark:divide-slate-800" data-testid="vehicles-table">
            <caption className="sr-only">Vehicles</caption>
            <thead className="hidden bg-slate-50 text-left text-xs font-semibold text-slate-600 md:table-header-group dark:bg-slate-900/60 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-5 py-3" aria-sort={ariaSort("name")}>
                  {sortHeader("name", "Vehicle")}
                </th>
                <th scope="col" className="px-5 py-3" aria-sort={ariaSort("status")}>
                  {sortHeader("status", "Status")}
                </th>
                <th scope="col" className="px-5 py-3" aria-sort={ariaSort("battery")}>
                  {sortHeader("battery", "Battery")}
                </th>
                {showOwners ? (
                  <th scope="col" className="hidden px-5 py-3 uppercase tracking-wide lg:table-cell">
                    Owner
                  </th>
                ) : null}
                <th scope="col" className="px-5 py-3" aria-sort={ariaSort("lastSignal")}>
                  {sortHeader("lastSignal", "Last signal")}
                </th>
              </tr>
            </thead>
            <tbody className="block divide-y divide-slate-100 md:table-row-group dark:divide-slate-800">
              {page.rows.map((row) => (
                <tr
                  key={row.id}
                  className="group grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-2 px-4 py-3.5 hover:bg-slate-50 md:table-row md:p-0 dark:hover:bg-slate-800/50"
                  data-testid="vehicle-row"
                >
                  <td className="col-span-2 min-w-0 md:table-cell md:px-5 md:py-3">
                    <Link href={`/vehicles/${row.id}`} className="font-medium text-slate-900 hover:text-brand-700 group-hover:underline dark:text-white dark:hover:text-brand-100">
                      {vehicleDisplayName(row)}
                    </Link>
                    <div className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-slate-600 dark:text-slate-400">
                      <span className="break-all font-mono" data-testid="vehicle-vin">
                        {row.vin ?? "VIN not shared"}
                      </span>
                      {row.licensePlate ? <span className="font-mono">{row.licensePlate}</span> : null}
                      {row.nickname ? <span>{`${row.year} ${row.make} ${row.model}`}</span> : null}
                      {row.fleetLabel ? <span>{row.fleetLabel}</span> : null}
                      {row.powertrainType ? <span>{row.powertrainType}</span> : null}
                      {row.mode === "simulated" ? <span className="text-brand-700 dark:text-brand-100">simulated</span> : null}
                    </div>
                  </td>
                  <td className="md:table-cell md:whitespace-nowrap md:px-5 md:py-3">
                    <VehicleStatusBadge status={row.status} />
                  </td>
                  <td className="justify-self-end text-slate-700 md:table-cell md:whitespace-nowrap md:px-5 md:py-3 dark:text-slate-300">
                    <BatteryMeter percent={row.batteryPercent} />
                  </td>
                  {showOwners ? (
                    <td
                      className="col-span-2 min-w-0 truncate text-xs text-slate-700 md:hidden md:max-w-56 md:px-5 md:py-3 md:text-sm lg:table-cell dark:text-slate-300"
                      title={row.owners.join(", ")}
                    >
                      <span className="mr-1 text-slate-600 md:hidden dark:text-slate-400">Owner</span>
                      {row.owners.length ? row.owners.join(", ") : <span className="text-slate-500 dark:text-slate-400">—</span>}
                    </td>
                  ) : null}
                  <td className="col-span-2 text-xs text-slate-700 md:table-cell md:whitespace-nowrap md:px-5 md:py-3 md:text-sm dark:text-slate-300">
                    <span className="mr-1 text-slate-600 md:hidden dark:text-slate-400">Last signal</span>
                    <RelativeTime date={row.lastSignalAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page && page.total > 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
          <div className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <label htmlFor="vehicle-page-size">Rows per page</label>
            <Select id="vehicle-page-size" className="w-20" value={String(query.size)} onChange={(event) => update({ size: Number(event.target.value) })}>
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </Select>
          </div>
          <Pagination page={page.page} pageCount={page.pageCount} onPageChange={(next) => navigate({ ...query, page: next })} label="Vehicle pages" />
        </div>
      ) : null}
    </div>
  );
}

export function TableSkeleton({ rows }: { rows: number }) {
  return (
    <div role="status" aria-label="Loading vehicles" className="divide-y divide-slate-100 dark:divide-slate-800">
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="flex items-center gap-6 px-5 py-3.5">
          <div className="flex-1 space-y-2">
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-3 w-32" />
          </div>
          <Skeleton className="h-5 w-20 rounded-full" />
          <Skeleton className="h-3 w-24" />
          <Skeleton className="hidden h-3 w-28 md:block" />
          <Skeleton className="h-3 w-20" />
        </div>
      ))}
    </div>
  );
}
