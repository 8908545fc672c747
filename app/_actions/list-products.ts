"use server";

import { z } from "zod";
import { requireUserForAction } from "@/lib/auth/session";
import { listProducts, type ProductList } from "@/lib/products";
import { actionFailure, type ActionFailure } from "./action-failure";

const argsSchema = z.object({ connectionId: z.string().min(1).max(200) });

export type ListProductsResult = ({ ok: true } & ProductList) | ActionFailure;

export async function listProductsAction(args: z.input<typeof argsSchema>): Promise<ListProductsResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) return { ok: false, message: "Unknown connection." };
  try {
    const user = await requireUserForAction();
    return { ok: true, ...(await listProducts(user, parsed.data.connectionId)) };
  } catch (error) {
    return actionFailure(error, "list the products");
  }
}
