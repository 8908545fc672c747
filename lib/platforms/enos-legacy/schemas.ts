// Tolerant parsers for the older EnOS API's answers: `{status, msg, submsg, data}`.
import { z } from "zod";
import { looseId, looseInt, looseText } from "../enos/schemas";

export const legacyEnvelopeSchema = z.looseObject({
  status: looseInt,
  msg: looseText,
  submsg: looseText,
  data: z.unknown().optional(),
});
export type LegacyEnvelope = z.infer<typeof legacyEnvelopeSchema>;

const optionalInt = looseInt.nullish().catch(undefined);

/** ServiceInvokeInfo (enos.md §2.2). */
export const serviceInvokeInfoSchema = z.looseObject({
  requestId: looseId,
  messageId: looseId,
  callType: looseText,
  controlChannelId: looseText,
  outputData: z.unknown().optional(),
  status: optionalInt,
  msg: looseText,
  submsg: looseText,
  gmtServiceRequest: optionalInt,
  gmtServiceReply: optionalInt,
  /** -1 = the device has not replied */
  gmtDeviceReply: optionalInt,
});
export type ServiceInvokeInfo = z.infer<typeof serviceInvokeInfoSchema>;
