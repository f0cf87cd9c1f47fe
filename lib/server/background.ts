import "server-only";
import { getLogger } from "@/lib/log";

/**
 * Runs start-up work that needs the server to be answering HTTP already (e.g. importing the demo
 * fleet from the emulator, which this same server hosts): retried until it succeeds or gives up.
 */
export function runWhenServing(name: string, task: () => Promise<unknown>, { attempts = 60, delayMs = 1_000 } = {}): void {
  const log = getLogger();
  const attempt = async (remaining: number): Promise<void> => {
    try {
      log.info({ task: name, result: await task() }, "background task done");
    } catch (error) {
      if (remaining <= 1) {
        log.error({ task: name, err: error }, "background task gave up");
        return;
      }
      log.debug({ task: name, err: error instanceof Error ? error.message : String(error) }, "background task retrying");
      setTimeout(() => void attempt(remaining - 1), delayMs).unref();
    }
  };
  setTimeout(() => void attempt(attempts), delayMs).unref();
}
