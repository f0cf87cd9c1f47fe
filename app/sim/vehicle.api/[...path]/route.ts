import { handleSimulatorRequest } from "@/lib/simulator/runtime";

export const dynamic = "force-dynamic";

function handle(request: Request): Promise<Response> {
  return handleSimulatorRequest(request);
}

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
