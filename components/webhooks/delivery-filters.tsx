"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Label, Select } from "@/components/ui/select";
import { fieldClass } from "@/components/ui/input";

const STATUSES = ["pending", "processed", "duplicate", "unhandled", "unmatched", "failed"];

/** Filters live in the URL, so a filtered view can be shared and survives live refreshes. */
export function DeliveryFilterBar({ eventTypes }: { eventTypes: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();

  const update = (key: string, value: string) => {
    const params = new URLSearchParams(searchParams.toString());
    if (value) params.set(key, value);
    else params.delete(key);
    params.delete("page");
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return (
    <div className="grid gap-3 border-b border-slate-200 px-5 py-4 sm:grid-cols-3 dark:border-slate-800">
      <div>
        <Label htmlFor="filter-status">Result</Label>
        <Select id="filter-status" value={searchParams.get("status") ?? ""} onChange={(event) => update("status", event.target.value)}>
          <option value="">Any result</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="filter-type">Event type</Label>
        <Select id="filter-type" value={searchParams.get("type") ?? ""} onChange={(event) => update("type", event.target.value)}>
          <option value="">Any type</option>
          {eventTypes.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </Select>
      </div>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          update("vehicle", String(new FormData(event.currentTarget).get("vehicle") ?? "").trim());
        }}
      >
        <Label htmlFor="filter-vehicle">Smartcar vehicle id</Label>
        <input id="filter-vehicle" name="vehicle" defaultValue={searchParams.get("vehicle") ?? ""} placeholder="Press Enter to filter" className={`${fieldClass} px-3`} />
      </form>
    </div>
  );
}
