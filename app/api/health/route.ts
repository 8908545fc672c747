// GET /api/health: liveness for load balancers and monitors. Answers at once, touches nothing (no
// session, no database, no platform), so it also shows what one request costs the server itself
// (npm run bench reports it next to the invocation throughput).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
