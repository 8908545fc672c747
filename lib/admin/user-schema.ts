// What the users admin page sends, checked the same way in the browser (react-hook-form) and on the
// server (the actions). No server-only imports: client components use it.
import { z } from "zod";
import { ROLES } from "../auth/config";

export const PASSWORD_LIMITS = { min: 12, max: 128 } as const;

export const passwordSchema = z
  .string()
  .min(PASSWORD_LIMITS.min, `Use at least ${PASSWORD_LIMITS.min} characters.`)
  .max(PASSWORD_LIMITS.max, `Use at most ${PASSWORD_LIMITS.max} characters.`);

export const newUserSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
  email: z.email("Enter a valid email address.").max(254).transform((e) => e.toLowerCase()),
  password: passwordSchema,
  role: z.enum(ROLES),
});
export type NewUserInput = z.input<typeof newUserSchema>;

export const userChangeSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
});
export type UserChange = z.infer<typeof userChangeSchema>;

export const grantSchema = z.object({
  connectionId: z.uuid(),
  productKey: z.string().trim().min(1).max(200).nullable(),
});
export const grantsSchema = z.array(grantSchema).max(500);
export type GrantInput = z.infer<typeof grantSchema>;
