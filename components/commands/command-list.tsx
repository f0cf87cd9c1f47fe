import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { COMMAND_NOUNS } from "@/lib/commands/kinds";
import type { CommandView } from "@/lib/commands/views";
import { CommandStatusBadge } from "./command-status-badge";

/** Commands with their lifecycle, who asked, which API carried them, and Smartcar's answer when it failed. */
export function CommandList({ commands, showVehicle, empty }: { commands: CommandView[]; showVehicle: boolean; empty: string }) {
  if (commands.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="command-list">
      {commands.map((command) => (
        <li key={command.id} className="py-2.5" data-testid="command-row" data-command-id={command.id} data-kind={command.kind}>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
            <span className="font-medium text-slate-900 dark:text-slate-100">
              {COMMAND_NOUNS[command.kind]}
              {command.percent !== null ? ` ${command.percent} %` : ""}
            </span>
            {showVehicle ? (
              <Link href={`/vehicles/${command.vehicleId}`} className="text-brand-700 hover:underline dark:text-brand-300">
                {command.vehicleName}
              </Link>
            ) : null}
            <CommandStatusBadge status={command.status} />
            <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
              <RelativeTime date={command.requestedAt} />
              {command.requestedBy ? ` · ${command.requestedBy}` : ""}
              {command.api ? ` · API ${command.api}` : ""}
            </span>
          </div>
          {command.error ? (
            <div className="mt-1.5 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-700 dark:bg-slate-800/60 dark:text-slate-300" data-testid="command-error">
              <p className="font-medium text-slate-900 dark:text-slate-100">
                {command.error.title}{" "}
                <span className="font-mono font-normal text-slate-500 dark:text-slate-400">
                  {command.error.type}
                  {command.error.code ? `:${command.error.code}` : ""}
                </span>
              </p>
              <p className="mt-0.5">{command.error.meaning}</p>
              <p className="mt-0.5">
                <span className="font-medium">What to do:</span> {command.error.action}
                {command.error.retryAfterSeconds ? ` Smartcar asks to wait ${command.error.retryAfterSeconds} s.` : ""}
              </p>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
