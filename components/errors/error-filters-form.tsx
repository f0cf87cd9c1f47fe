import { Download } from "lucide-react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label, Select } from "@/components/ui/select";
import { ERROR_CATEGORIES, errorFiltersQuery, type ErrorFilters } from "@/lib/errors/filters";

const CATEGORY_LABELS: Record<(typeof ERROR_CATEGORIES)[number], string> = {
  reconnect: "Needs reconnect",
  retry: "Retrying",
  billing: "Billing",
  support: "Contact support",
  at_the_car: "At the car",
  owner_account: "Owner's account",
  action_link: "Owner action (link)",
  other: "Other",
};

export function categoryLabel(category: (typeof ERROR_CATEGORIES)[number]): string {
  return CATEGORY_LABELS[category];
}

/** A plain GET form: the filters live in the URL, so they survive reloads and can be shared. */
export function ErrorFiltersForm({ filters, makes }: { filters: ErrorFilters; makes: string[] }) {
  return (
    <form method="get" className="grid grid-cols-2 gap-3 p-5 md:grid-cols-4 lg:grid-cols-7" aria-label="Error filters">
      <div className="col-span-2">
        <Label htmlFor="error-q">Search</Label>
        <Input id="error-q" name="q" defaultValue={filters.q ?? ""} placeholder="Vehicle, VIN, type or code" />
      </div>
      <div>
        <Label htmlFor="error-state">State</Label>
        <Select id="error-state" name="state" defaultValue={filters.state}>
          <option value="open">Open</option>
          <option value="closed">History (closed)</option>
          <option value="all">All</option>
        </Select>
      </div>
      <div>
        <Label htmlFor="error-category">Action</Label>
        <Select id="error-category" name="category" defaultValue={filters.category ?? ""}>
          <option value="">Any</option>
          {ERROR_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {CATEGORY_LABELS[category]}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="error-make">Make</Label>
        <Select id="error-make" name="make" defaultValue={filters.make ?? ""}>
          <option value="">Any</option>
          {makes.map((make) => (
            <option key={make} value={make}>
              {make}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="error-source">Source</Label>
        <Select id="error-source" name="source" defaultValue={filters.source ?? ""}>
          <option value="">Any</option>
          <option value="webhook">Webhook</option>
          <option value="api">API call</option>
        </Select>
      </div>
      <div>
        <Label htmlFor="error-sort">Sort by</Label>
        <Select id="error-sort" name="sort" defaultValue={filters.sort}>
          <option value="last_seen">Last seen</option>
          <option value="first_seen">First seen</option>
          <option value="vehicles">Vehicles affected</option>
          <option value="occurrences">Occurrences</option>
          <option value="type">Type / code</option>
        </Select>
      </div>
      <div className="col-span-2 flex flex-wrap items-end gap-2 md:col-span-4 lg:col-span-7">
        <Button type="submit">Apply</Button>
        <ButtonLink href="/errors" variant="ghost">
          Clear
        </ButtonLink>
        <a
          href={`/api/errors/export?${errorFiltersQuery(filters)}`}
          className="ml-auto inline-flex items-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800"
          download
        >
          <Download className="size-4" aria-hidden />
          Export CSV
        </a>
      </div>
    </form>
  );
}
