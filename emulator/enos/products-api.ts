// /connect-service/v2.1/products: action=get (11611 when the productKey is unknown) and search.
import type { ApiResponse } from "../http/types";
import type { EnosSeedProduct } from "../seed";
import { assertOrg, jsonBody, requireParam } from "./args";
import type { EnosContext } from "./context";
import { EnosError, ok } from "./envelope";
import type { FieldSpec } from "./expression";
import { expressionFilter, paged, pagination, projectionParam } from "./paging";
import { project } from "./projection";

export const CODE_PRODUCT_NOT_FOUND = 11611;
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 200;
// Products predate their devices (devices.ts starts at 2024-01-01): fixed, so answers are stable.
const PRODUCT_EPOCH = Date.UTC(2023, 11, 1);

/** The v2.1 Product struct; fields the seed carries (productTags, productSecret, ...) win. */
export function productStruct(p: EnosSeedProduct, index: number): Record<string, unknown> {
  const created = PRODUCT_EPOCH + index * 60_000;
  return {
    orgId: p.orgId,
    productKey: p.productKey,
    productName: p.productName ?? { defaultValue: p.productKey, i18nValue: {} },
    productSecret: "",
    productDesc: "",
    productType: "Device",
    dataFormat: "Json",
    productTags: {},
    modelId: p.modelId,
    dynamicActiveEnabled: false,
    biDirectionalAuth: false,
    createTime: created,
    createBy: "emulator",
    updateTime: created,
    updateBy: "emulator",
    ...withoutModel(p),
  };
}

function withoutModel(p: EnosSeedProduct): Record<string, unknown> {
  const { thingModel: _model, ...rest } = p;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

export async function getProduct(ctx: EnosContext): Promise<ApiResponse> {
  const orgId = requireParam(ctx.req.query, "orgId");
  const productKey = requireParam(ctx.req.query, "productKey");
  assertOrg(ctx.app, orgId);
  const products = ctx.catalog.productsInOrg(orgId);
  const index = products.findIndex((p) => p.productKey === productKey);
  const product = products[index];
  if (!product) throw new EnosError(CODE_PRODUCT_NOT_FOUND, `Product not found: ${productKey}`);
  return ok(productStruct(product, index));
}

export async function searchProducts(ctx: EnosContext): Promise<ApiResponse> {
  const orgId = requireParam(ctx.req.query, "orgId");
  const body = jsonBody(ctx.req.body);
  const page = pagination(body.pagination, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const projection = projectionParam(body.projection);
  const filter = expressionFilter(body.expression, PRODUCT_FIELDS);
  assertOrg(ctx.app, orgId);
  const all = ctx.catalog.productsInOrg(orgId).map(productStruct).filter(filter);
  const { items, pagination: pageInfo } = paged(all, page);
  return ok(items.map((p) => project(p, projection)), "OK", { pagination: pageInfo });
}

type Product = Record<string, unknown>;

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const i18n = (p: Product) => (p.productName ?? {}) as { defaultValue?: string; i18nValue?: Record<string, string> };
const nameIn = (locale: "zh_CN" | "en_US"): FieldSpec<Product> => ({
  ops: ["like"],
  values: (p) => [i18n(p).i18nValue?.[locale] ?? i18n(p).defaultValue],
});

/** The product-search language of enos.md §2.5. */
export const PRODUCT_FIELDS: Record<string, FieldSpec<Product>> = {
  productKey: { ops: ["=", "in"], values: (p) => [text(p.productKey)] },
  modelId: { ops: ["=", "in"], values: (p) => [text(p.modelId)] },
  "productTags.*": {
    ops: ["=", "exists"],
    values: (p, field) => [text((p.productTags as Record<string, unknown> | undefined)?.[field.slice("productTags.".length)])],
  },
  productName: { ops: ["like"], values: (p) => [i18n(p).defaultValue, ...Object.values(i18n(p).i18nValue ?? {})] },
  "productName.default": { ops: ["like"], values: (p) => [i18n(p).defaultValue] },
  "productName.zh_CN": nameIn("zh_CN"),
  "productName.en_US": nameIn("en_US"),
};
