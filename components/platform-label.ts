const LABELS: Record<string, string> = {
  enos: "EnOS",
  "enos-legacy": "EnOS (legacy)",
  aliyun: "Alibaba Cloud IoT",
};

const CODE_PREFIX: Record<string, string> = {
  enos: "EnOS",
  "enos-legacy": "EnOS",
  aliyun: "Alibaba",
};

export function platformLabel(platform: string): string {
  return LABELS[platform] ?? platform;
}

/** e.g. "EnOS 11900": the platform's raw code, named so it can be looked up in that platform's docs. */
export function platformCodeLabel(platform: string, code: string | null | undefined): string | null {
  if (!code) return null;
  return `${CODE_PREFIX[platform] ?? platform} ${code}`;
}

const ENOS_STATE_NAMES: Record<string, string> = {
  "1": "Created",
  "2": "Canceled",
  "3": "Expired",
  "4": "Released",
  "5": "Sent successfully",
  "6": "Failed",
  "7": "Response timed out",
};

/** The platform's own state beside the shared status, e.g. "EnOS state 1 (Created)". */
export function rawStateLabel(platform: string, rawState: string | null | undefined): string | null {
  if (!rawState) return null;
  const name = platform === "enos" ? ENOS_STATE_NAMES[rawState] : undefined;
  return `${CODE_PREFIX[platform] ?? platform} state ${rawState}${name ? ` (${name})` : ""}`;
}
