import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** Starts receiver-process.ts as a child and resolves with its URL once it listens. */
export async function startReceiverProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const script = path.join(import.meta.dirname, "receiver-process.ts");
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
    cwd: path.resolve(import.meta.dirname, "../../.."),
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const line = stdout.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once("exit", (code) => reject(new Error(`receiver exited with ${code}: ${stderr}`)));
  });
  return { url: `http://127.0.0.1:${port}/api/webhooks/smartcar`, child };
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
