// The console keeps one message per invocation, in English, in the audit row (with the raw code
// beside it). A person reading in another language sees the same message re-derived from the stored
// platform code: the English text is rebuilt from (platform, code, platform message) and, only when it
// is exactly the stored one, its translation is shown. Anything else (a platform's own words, a
// message from an older console version) is shown as stored.
import type { Locale } from "../thing-model/types";
import { mapInvokeError, deviceErrorMessage } from "./aliyun/codes";
import { describeCode, describeCommandState, mapInvokeCode, mapLegacyStatus, messageText, type CodeFamily } from "./enos/codes";

export interface StoredOutcome {
  platform: string;
  platformCode: string | null;
  platformMessage: string | null;
  rawState?: string | null;
  message: string | null;
}

type Candidate = (locale: Locale) => string | undefined;

function enosCandidates(o: StoredOutcome): Candidate[] {
  const out: Candidate[] = [];
  const msg = o.platformMessage;
  const code = o.platformCode !== null && /^-?\d+$/.test(o.platformCode) ? Number(o.platformCode) : undefined;
  if (code !== undefined) {
    const families: CodeFamily[] = o.platform === "enos-legacy" ? ["legacy", "token", "gateway", "state"] : ["api", "token", "gateway", "state"];
    for (const family of families) {
      out.push((l) => describeCode(family, code, msg, l)?.message);
      out.push((l) => describeCode(family, code, null, l)?.message);
    }
    if (o.platform === "enos-legacy") {
      out.push((l) => mapLegacyStatus(code, msg, { deviceReplied: true }, l).message);
      out.push((l) => mapLegacyStatus(code, msg, {}, l).message);
    } else {
      out.push((l) => mapInvokeCode(code, msg, { commandId: "-" }, l).message);
      out.push((l) => mapInvokeCode(code, msg, {}, l).message);
    }
  }
  const state = o.rawState && /^\d+$/.test(o.rawState) ? Number(o.rawState) : undefined;
  if (state !== undefined) {
    out.push((l) => describeCommandState(state, l)?.message);
    out.push((l) => messageText("invoke:unknown-state", { state: String(state) }, l));
  }
  out.push((l) => messageText("invoke:not-cancelled", {}, l));
  return out;
}

function aliyunCandidates(o: StoredOutcome): Candidate[] {
  const code = o.platformCode;
  if (!code) return [];
  const out: Candidate[] = [(l) => mapInvokeError(code, o.platformMessage, l).message];
  if (/^\d+$/.test(code)) out.push((l) => deviceErrorMessage(Number(code), o.platformMessage, l));
  return out;
}

/** The invocation's message in the reader's language when the console wrote it; else as stored. */
export function localizeOutcomeMessage(o: StoredOutcome, locale: Locale): string | null {
  if (!o.message || locale === "en-US") return o.message;
  const candidates = o.platform === "aliyun" ? aliyunCandidates(o) : o.platform.startsWith("enos") ? enosCandidates(o) : [];
  for (const candidate of candidates) {
    if (candidate("en-US") === o.message) return candidate(locale) ?? o.message;
  }
  return o.message;
}
