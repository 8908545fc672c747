// Parsers for the SDK's response bodies (camelCase models after the SDK's cast). Tolerant: unknown
// fields pass, optional texts may be missing or null; rows without their keys are skipped by callers.
import { z } from "zod";

const text = z.string().nullish().catch(undefined);
const count = z.number().nullish().catch(undefined);

/** The common envelope: RequestId, Success, Code, ErrorMessage (aliyun.md §1). */
export const envelopeSchema = z.looseObject({
  requestId: text,
  success: z.boolean().nullish().catch(undefined),
  code: text,
  errorMessage: text,
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const invokeBodySchema = envelopeSchema.extend({
  data: z.looseObject({ messageId: text, result: text }).nullish().catch(undefined),
});

export const deviceInfoSchema = z.looseObject({
  iotId: z.string().min(1),
  productKey: z.string().min(1),
  deviceName: z.string().min(1),
  deviceStatus: text,
  nickname: text,
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

export const queryDeviceBodySchema = envelopeSchema.extend({
  data: z.looseObject({ deviceInfo: z.array(z.unknown()).nullish().catch(undefined) }).nullish().catch(undefined),
  page: count,
  pageSize: count,
  total: count,
});

export const deviceDetailSchema = z.looseObject({
  iotId: z.string().min(1),
  productKey: z.string().min(1),
  deviceName: z.string().min(1),
  productName: text,
  status: text,
  nickname: text,
});

export const deviceDetailBodySchema = envelopeSchema.extend({ data: z.unknown().optional() });

export const productInfoSchema = z.looseObject({
  productKey: z.string().min(1),
  productName: text,
  deviceCount: count,
});
export type ProductInfo = z.infer<typeof productInfoSchema>;

export const productListBodySchema = envelopeSchema.extend({
  data: z
    .looseObject({
      total: count,
      list: z.looseObject({ productInfo: z.array(z.unknown()).nullish().catch(undefined) }).nullish().catch(undefined),
    })
    .nullish()
    .catch(undefined),
});

export const tslBodySchema = envelopeSchema.extend({
  data: z.looseObject({ tslStr: text }).nullish().catch(undefined),
});

export const thingModelBodySchema = envelopeSchema.extend({
  data: z.looseObject({ thingModelJson: text }).nullish().catch(undefined),
});

/** ThingModelJson of the default module lists the custom ones (aliyun.md §4.3). */
export const functionBlocksSchema = z.looseObject({
  functionBlocks: z.array(z.looseObject({ functionBlockId: z.string().min(1) })).nullish().catch(undefined),
});

export const serviceInfoSchema = z.looseObject({
  identifier: text,
  time: z.union([z.string(), z.number()]).nullish().catch(undefined),
  inputData: text,
  outputData: text,
});
export type ServiceInfo = z.infer<typeof serviceInfoSchema>;

export const serviceDataBodySchema = envelopeSchema.extend({
  data: z
    .looseObject({
      list: z.looseObject({ serviceInfo: z.array(z.unknown()).nullish().catch(undefined) }).nullish().catch(undefined),
      nextValid: z.boolean().nullish().catch(undefined),
      nextTime: count,
    })
    .nullish()
    .catch(undefined),
});

/** An Alink reply `{id, code, data, message}`; code may come as a number or a numeric string. */
export const alinkReplySchema = z.looseObject({
  code: z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]),
  data: z.unknown(),
  message: text,
  id: z.union([z.string(), z.number()]).nullish().catch(undefined),
});

/** A gateway error as the SDK throws it: `{code, message, data: {Code, Message, RequestId, statusCode}}`. */
export const sdkErrorSchema = z.looseObject({
  code: z.string().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  data: z
    .looseObject({
      statusCode: z.number().optional().catch(undefined),
      Code: z.string().optional().catch(undefined),
      Message: z.string().optional().catch(undefined),
      RequestId: z.string().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});
