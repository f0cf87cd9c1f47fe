import { Button, ButtonLink } from "./button";
import { Input } from "./input";
import { Label } from "./select";

/** Pieces of the plain GET filter forms above server-rendered lists (commands, audit log). */

export function DateRangeFields({ idPrefix, from, to }: { idPrefix: string; from?: string; to?: string }) {
  return (
    <>
      <div>
        <Label htmlFor={`${idPrefix}-from`}>From</Label>
        <Input id={`${idPrefix}-from`} name="from" type="date" defaultValue={from ?? ""} />
      </div>
      <div>
        <Label htmlFor={`${idPrefix}-to`}>To</Label>
        <Input id={`${idPrefix}-to`} name="to" type="date" defaultValue={to ?? ""} />
      </div>
    </>
  );
}

export function FilterButtons({ clearHref, filtered, className }: { clearHref: string; filtered: boolean; className?: string }) {
  return (
    <div className={className ?? "flex items-end gap-2"}>
      <Button type="submit">Apply</Button>
      {filtered ? (
        <ButtonLink href={clearHref} variant="ghost">
          Clear
        </ButtonLink>
      ) : null}
    </div>
  );
}

/** Said when the URL's filters do not parse: the page shows the unfiltered list instead of failing. */
export function FilterProblem({ message, fallback }: { message: string | undefined; fallback: string }) {
  return (
    <p role="status" className="mx-5 mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-500/10 dark:text-amber-200" data-testid="filter-problem">
      {message ?? "The filters are not valid."} {fallback}
    </p>
  );
}
