// /model-service/v2.1/thing-models: action=get (the ThingModel exactly as seeded) and search.
import type { ApiResponse } from "../http/types";
import { assertOrg, intParam, jsonBody, requireParam } from "./args";
import type { EnosContext } from "./context";
import { EnosError, NOT_FOUND, ok } from "./envelope";
import type { FieldSpec } from "./expression";
import { expressionFilter, paged, pagination, projectionParam } from "./paging";
import { project } from "./projection";

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 200;

/**
 * `scope` 0 = own org only, 1 (default) = own + public models. The emulator has no public
 * models, so both give the org's own; the value is still checked.
 */
function checkScope(q: URLSearchParams): void {
  intParam(q, "scope", 0, 1, 1);
}

export async function getThingModel(ctx: EnosContext): Promise<ApiResponse> {
  const orgId = requireParam(ctx.req.query, "orgId");
  const modelId = requireParam(ctx.req.query, "modelId");
  checkScope(ctx.req.query);
  assertOrg(ctx.app, orgId);
  const model = ctx.catalog.thingModel(orgId, modelId);
  if (model === undefined) throw new EnosError(NOT_FOUND, `Thing model not found: ${modelId}`);
  return ok(model);
}

export async function searchThingModels(ctx: EnosContext): Promise<ApiResponse> {
  const orgId = requireParam(ctx.req.query, "orgId");
  checkScope(ctx.req.query);
  const body = jsonBody(ctx.req.body);
  const page = pagination(body.pagination, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const projection = projectionParam(body.projection);
  const filter = expressionFilter(body.expression, MODEL_FIELDS);
  assertOrg(ctx.app, orgId);
  const all = ctx.catalog.thingModelsInOrg(orgId).filter(filter);
  const { items, pagination: pageInfo } = paged(all, page);
  return ok(items.map((m) => project(m, projection)), "OK", { pagination: pageInfo });
}

type Model = Record<string, unknown>;

/** The model-search language of enos.md §2.4: `modelId in (...)`, `tags.k = v`, (not) exists(tags.k). */
export const MODEL_FIELDS: Record<string, FieldSpec<Model>> = {
  modelId: { ops: ["=", "in"], values: (m) => [typeof m.modelId === "string" ? m.modelId : undefined] },
  "tags.*": {
    ops: ["=", "!=", "in", "exists"],
    values: (m, field) => {
      const v = (m.tags as Record<string, unknown> | undefined)?.[field.slice("tags.".length)];
      return [typeof v === "string" ? v : undefined];
    },
  },
};
