"use server";

import { z } from "zod";
import { requireUserForAction } from "@/lib/auth/session";
import { searchDevices } from "@/lib/devices";
import type { DeviceSummary, Page } from "@/lib/platforms/types";
import { actionFailure, type ActionFailure } from "./action-failure";

const argsSchema = z.object({
  connectionId: z.string().min(1),
  text: z.string().trim().max(200).optional(),
  productKey: z.string().min(1).max(200).optional(),
  pageNo: z.number().int().min(1).max(10_000),
  pageSize: z.number().int().min(1).max(100),
});

export type SearchDevicesResult = { ok: true; page: Page<DeviceSummary> } | ActionFailure;

export async function searchDevicesAction(args: z.input<typeof argsSchema>): Promise<SearchDevicesResult> {
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success) return { ok: false, message: "Invalid device search." };
  try {
    const user = await requireUserForAction();
    const { connectionId, text, productKey, pageNo, pageSize } = parsed.data;
    const page = await searchDevices(user, connectionId, { text: text || undefined, productKey, pageNo, pageSize });
    return { ok: true, page };
  } catch (error) {
    return actionFailure(error, "search devices");
  }
}
