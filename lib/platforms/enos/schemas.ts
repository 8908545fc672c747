// Tolerant parsers for EnOS responses: unknown fields pass through, optional texts may be null or
// missing, and numbers may arrive as numeric strings (doc samples are loose).
import { z } from "zod";

/** A number, or a string of digits (some samples quote numbers). */
export const looseInt = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

export const looseText = z.string().nullish().catch(undefined);
/** ids such as requestId / commandId: numeric strings that a sloppy encoder may send as numbers */
export const looseId = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .catch(undefined);

export const tokenResponseSchema = z.looseObject({
  status: looseInt.optional().catch(undefined),
  // the token sample in the documentation misspells `status`
  stauts: looseInt.optional().catch(undefined),
  msg: looseText,
  submsg: looseText,
  data: z
    .looseObject({ accessToken: z.string().min(1), expire: looseInt.nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** Per-call authentication failures (emulator: `{status, code, msg}`; gateway: `{message}`). */
export const authFailureSchema = z.looseObject({
  status: looseInt.optional().catch(undefined),
  code: looseInt.optional().catch(undefined),
  msg: looseText,
  message: looseText,
});
export type AuthFailure = z.infer<typeof authFailureSchema>;

export const paginationSchema = z.looseObject({
  pageNo: looseInt.nullish().catch(undefined),
  pageSize: looseInt.nullish().catch(undefined),
  totalSize: looseInt.nullish().catch(undefined),
});

export const envelopeSchema = z.looseObject({
  code: looseInt,
  msg: looseText,
  submsg: looseText,
  requestId: looseId,
  data: z.unknown().optional(),
  pagination: paginationSchema.nullish().catch(undefined),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const stringI18nSchema = z.union([
  z.string(),
  z.looseObject({
    defaultValue: looseText,
    i18nValue: z.record(z.string(), z.string().nullish()).nullish().catch(undefined),
  }),
]);
export type StringI18n = z.infer<typeof stringI18nSchema>;

export const deviceSchema = z.looseObject({
  orgId: looseText,
  assetId: looseText,
  modelId: looseText,
  productKey: z.string(),
  deviceKey: z.string(),
  deviceName: stringI18nSchema.nullish().catch(undefined),
  productName: stringI18nSchema.nullish().catch(undefined),
  status: looseText,
});
export type EnosDevice = z.infer<typeof deviceSchema>;

export const productSchema = z.looseObject({
  productKey: z.string().min(1),
  productName: stringI18nSchema.nullish().catch(undefined),
});

export const invokeDataSchema = z
  .looseObject({
    commandId: looseId,
    outputData: z.unknown().optional(),
    state: looseInt.nullish().catch(undefined),
  })
  .nullish()
  .catch(undefined);
export type InvokeData = z.infer<typeof invokeDataSchema>;

/** createTime: epoch ms as a number or a numeric string (samples show both). */
const looseMs = looseInt.nullish().catch(undefined);

/** The v2.1 Command struct (commands get / search / cancel). */
export const commandSchema = z.looseObject({
  commandId: z.union([z.string().min(1), z.number().transform(String)]),
  state: looseInt.nullish().catch(undefined),
  tslIdentifier: looseText,
  commandName: stringI18nSchema.nullish().catch(undefined),
  createTime: looseMs,
  timeout: looseInt.nullish().catch(undefined),
  pendingTtl: looseInt.nullish().catch(undefined),
  inputData: z.unknown().optional(),
  outputData: z.unknown().optional(),
});
export type EnosCommand = z.infer<typeof commandSchema>;
