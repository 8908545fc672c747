// What the connection form sends, checked the same way in the browser (react-hook-form) and on the
// server. The secret is write-only: the form starts with it empty, and an empty secret on an edit
// means "keep the stored one". No server-only imports: the client form uses it.
import { z } from "zod";
import { PLATFORM_IDS } from "../platforms/types";

const optionalText = z
  .string()
  .trim()
  .max(100, "Use at most 100 characters.")
  .transform((v) => v || null)
  .nullable()
  .optional();

export const connectionFormSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
    platform: z.enum(PLATFORM_IDS),
    endpoint: z
      .string()
      .trim()
      .min(1, "Enter the platform's API address.")
      .max(500, "Use at most 500 characters.")
      .refine((v) => /^https?:\/\//i.test(v), "Enter a URL starting with https:// (http:// only for allow-listed hosts)."),
    orgId: optionalText,
    regionId: optionalText,
    instanceId: optionalText,
    accessKey: z.string().trim().min(1, "Enter the access key.").max(200, "Use at most 200 characters."),
    /** empty on an edit: keep the stored secret */
    secret: z.string().max(1000, "Use at most 1000 characters.").default(""),
    enabled: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.platform !== "aliyun" && !v.orgId) ctx.addIssue({ code: "custom", path: ["orgId"], message: "EnOS needs the organization ID." });
    if (v.platform === "aliyun" && !v.regionId) ctx.addIssue({ code: "custom", path: ["regionId"], message: "Alibaba Cloud needs the region, e.g. cn-shanghai." });
  });

export type ConnectionFormInput = z.input<typeof connectionFormSchema>;
export type ConnectionForm = z.output<typeof connectionFormSchema>;

/** The connection as the edit form starts: every field but the secret, and whether one is stored. */
export interface ConnectionFormValues {
  id: string;
  name: string;
  platform: (typeof PLATFORM_IDS)[number];
  endpoint: string;
  orgId: string | null;
  regionId: string | null;
  instanceId: string | null;
  accessKey: string;
  enabled: boolean;
  isDemo: boolean;
  secretSet: boolean;
}
