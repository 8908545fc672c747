// GetThingModelTsl[Published] (`Data.TslStr`) and QueryThingModel[Published] (`Data.ThingModelJson`),
// aliyun.md §3.3. The seed's TSL counts as both draft and published; `FunctionBlockId` picks a
// custom module, none the default one.
import type { AliyunProduct } from "./catalog";
import type { AliyunContext } from "./context";
import { AliyunError } from "./envelope";
import { checkInstance, requireProduct } from "./params";
import { thingModelJson } from "./thing-model-json";
import type { TslModule } from "./tsl";

function moduleOf(ctx: AliyunContext): { product: AliyunProduct; module: TslModule } {
  checkInstance(ctx.params, ctx.account);
  const product = requireProduct(ctx.catalog, ctx.params.get("ProductKey"));
  const id = ctx.params.get("FunctionBlockId") || null;
  const module = product.modules.find((m) => m.id === id);
  if (!module) throw new AliyunError("iot.system.IllegalRequest", `The function block ${id} does not exist in product ${product.productKey}.`);
  return { product, module };
}

export async function getThingModelTsl(ctx: AliyunContext): Promise<Record<string, unknown>> {
  const { module } = moduleOf(ctx);
  return { Data: { TslStr: JSON.stringify(module.tsl), TslUri: "" } };
}

export function queryThingModel(published: boolean) {
  return async (ctx: AliyunContext): Promise<Record<string, unknown>> => {
    const { product, module } = moduleOf(ctx);
    const services = [...product.services.values()].filter((s) => s.moduleId === module.id);
    return { ProductKey: product.productKey, Data: { ThingModelJson: thingModelJson(product.productKey, module, services, product.modules, published) } };
  };
}
