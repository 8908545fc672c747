import "server-only";
import { productsOn } from "./auth/permissions";
import { assertCanBrowse } from "./auth/scope";
import { getConnectionConfig } from "./connections";
import type { CurrentUser } from "./invocations/types";
import { getAdapter } from "./platforms/registry";
import type { PlatformId, ProductSummary } from "./platforms/types";
import { TtlCache } from "./ttl-cache";

export interface ProductList {
  /** null when the platform cannot list products (the device browser then shows no product filter) */
  products: ProductSummary[] | null;
  /** false for users who may see only some products: there is no "all products" for them */
  allProducts: boolean;
}

// Products change rarely; the filter is read on every visit to a connection's device list.
const cache = new TtlCache<string, ProductSummary[]>(60_000, 200);

/** The connection's products the user may browse, by name. */
export async function listProducts(user: CurrentUser, connectionId: string): Promise<ProductList> {
  const access = await assertCanBrowse(user, connectionId);
  const visible = productsOn(access, connectionId);
  const conn = await getConnectionConfig(connectionId);
  const adapter = getAdapter(conn.platform);
  if (!adapter.listProducts) return { products: null, allProducts: visible === "all" };
  let products = cache.get(conn.id);
  if (!products) {
    products = [...(await adapter.listProducts(conn))].sort((a, b) => a.name.localeCompare(b.name) || a.productKey.localeCompare(b.productKey));
    cache.set(conn.id, products);
  }
  if (visible === "all") return { products, allProducts: true };
  return { products: products.filter((p) => visible.includes(p.productKey)), allProducts: false };
}

/** Whether the platform sends one service to many devices in one call (Alibaba InvokeThingsService). */
export function supportsBatch(platform: PlatformId): boolean {
  return typeof getAdapter(platform).invokeBatch === "function";
}
