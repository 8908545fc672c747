// GET /api/v1/invocations/export?format=csv|jsonl&<filters>: the filtered history as a streamed file.
import { authorize } from "@/lib/auth/permissions";
import { historyScope } from "@/lib/auth/scope";
import { exportStream } from "@/lib/invocations/export";
import { EXPORT_CONTENT_TYPES, exportFileName } from "@/lib/invocations/export-format";
import { apiUser, apiRoute } from "@/lib/api/request";
import { filterQuery, formatQuery } from "../query";

export const GET = apiRoute(async (request: Request) => {
  const user = await apiUser(request);
  const params = new URL(request.url).searchParams;
  const filter = filterQuery(params);
  const format = formatQuery(params);
  authorize(user, "history:export");
  const scope = await historyScope(user);
  return new Response(exportStream(scope, filter, format), {
    headers: {
      "content-type": EXPORT_CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${exportFileName(format, new Date())}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
