// Field-problem messages the server's checks write in English (limits, reasons, the input guard,
// batches), in the reader's language. Thing-model messages are written in the reader's language
// already (validateInput's locale); these are the fixed ones around them. issue-messages.test.ts
// produces each message with the code that writes it, so a reworded message cannot slip through
// untranslated.
import type { FieldIssue } from "../invocations/types";

type Rule = [RegExp, (m: RegExpExecArray) => string];

const ZH: Rule[] = [
  [/^must be a whole number of seconds between 0 and (\d+) \(48 hours\)$/, (m) => `必须是 0 到 ${m[1]} 之间的整数秒（48 小时）`],
  [/^must be a whole number of seconds between (\d+) and (\d+)$/, (m) => `必须是 ${m[1]} 到 ${m[2]} 之间的整数秒`],
  [/^must be a whole number of milliseconds between (\d+) and (\d+)$/, (m) => `必须是 ${m[1]} 到 ${m[2]} 之间的整数毫秒`],
  [/^this service is marked dangerous: confirm the invocation with a reason \(it is kept in the history\)$/, () => "该服务已被标记为危险：请填写原因以确认调用（原因会保存在历史记录中）"],
  [/^must be (\d+) to (\d+) characters of text$/, (m) => `必须是 ${m[1]} 到 ${m[2]} 个字符的文本`],
  [/^the device (.+) has no service “(.+)”$/, (m) => `设备 ${m[1]} 没有服务“${m[2]}”`],
  [/^product (.+) has no service “(.+)”$/, (m) => `产品 ${m[1]} 没有服务“${m[2]}”`],
  [/^was already used; send a new one for a new request$/, () => "已被使用；新的请求请使用新的值"],
  [/^must be an object of parameter values$/, () => "必须是由参数值组成的对象"],
  [/^must be a plain JSON object$/, () => "必须是普通 JSON 对象"],
  [/^is not an allowed parameter name$/, () => "不是允许的参数名"],
  [/^has a parameter name that is not valid Unicode$/, () => "含有不是合法 Unicode 的参数名"],
  [/^must be a finite number$/, () => "必须是有限数值"],
  [/^must be plain JSON data$/, () => "必须是纯 JSON 数据"],
  [/^must not refer to itself$/, () => "不能引用自身"],
  [/^has more than (\d+) values$/, (m) => `包含的值超过 ${m[1]} 个`],
  [/^is nested more than (\d+) levels deep$/, (m) => `嵌套超过 ${m[1]} 层`],
  [/^is larger than (\d+) characters in all$/, (m) => `总长度超过 ${m[1]} 个字符`],
  [/^is longer than (\d+) characters$/, (m) => `长度超过 ${m[1]} 个字符`],
  [/^is not valid Unicode \(it contains an unpaired surrogate\)$/, () => "不是合法的 Unicode（含有未配对的代理字符）"],
  [/^is a (\w+), which JSON cannot carry$/, (m) => `是 ${m[1]} 类型，JSON 无法表示`],
  [/^select at least one device$/, () => "请至少选择一台设备"],
  [
    /^a batch takes at most (\d+) devices \(Alibaba InvokeThingsService\), but (\d+) were selected: select fewer devices or split them into several batches$/,
    (m) => `一个批次最多 ${m[1]} 台设备（阿里云 InvokeThingsService），当前选择了 ${m[2]} 台：请减少设备或分成多个批次`,
  ],
  [/^lists (.+) more than once$/, (m) => `${m[1]} 出现了不止一次`],
  [/^(.+) (?:is|are) not of product (.+)$/, (m) => `${m[1]} 不属于产品 ${m[2]}`],
  [/^(.+) is a sync service; a batch can only call async services \(Alibaba InvokeThingsService\)$/, (m) => `${m[1]} 是同步服务；批量调用只能调用异步服务（阿里云 InvokeThingsService）`],
  [
    /^connection “(.+)” cannot invoke a batch: batches are sent with Alibaba Cloud IoT's InvokeThingsService$/,
    (m) => `连接“${m[1]}”不能批量调用：批量调用通过阿里云物联网平台的 InvokeThingsService 发送`,
  ],
];

/** The message in `locale`; unknown messages (and en-US) are returned as they are. */
export function localizeIssueMessage(message: string, locale: string): string {
  if (locale !== "zh-CN") return message;
  for (const [pattern, render] of ZH) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return message;
}

export function localizeIssues(issues: readonly FieldIssue[], locale: string): FieldIssue[] {
  return issues.map((i) => ({ ...i, message: localizeIssueMessage(i.message, locale) }));
}
