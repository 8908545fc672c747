import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import messages from "@/lib/i18n/messages/en-US.json";
import { describe, expect, it } from "vitest";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import { aliyunServices } from "@/lib/thing-model/aliyun";
import { enosServices } from "@/lib/thing-model/enos";
import { inputSchema, uiSchema } from "@/lib/thing-model/json-schema";
import { everyTypeTsl } from "@/lib/thing-model/testing/aliyun-tsl.fixture";
import { everyTypeModel } from "@/lib/thing-model/testing/enos-model.fixture";
import type { Locale, ServiceSpec } from "@/lib/thing-model/types";
import { InputEditor } from "./input-editor";

const [enos, enosBroken] = enosServices(everyTypeModel);
const [, aliyun, aliyunBroken] = aliyunServices(everyTypeTsl);
if (!enos || !enosBroken || !aliyun || !aliyunBroken) throw new Error("fixture services missing");

/** The editor as the server renders it (the page's first paint). */
function render(spec: ServiceSpec, formData?: unknown, locale: Locale = "en-US"): string {
  const { $schema: _draft, title: _title, ...schema } = inputSchema(spec, locale);
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
      <InputEditor
        schema={schema as RJSFSchema}
        uiSchema={uiSchema(spec, locale) as UiSchema}
        inputs={spec.inputs}
        formData={formData}
        onChange={() => undefined}
        onSubmit={() => undefined}
      />
    </NextIntlClientProvider>,
  );
}

describe("InputEditor (server render)", () => {
  const html = render(enos, { label: "abc", config: { int11: 1, items: [1.5, 2] } });

  it("shows the Form and JSON tabs", () => {
    expect(html).toContain('role="tablist"');
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>Form</);
  });

  it("puts units beside numbers and counts text length", () => {
    expect(html).toMatch(/id="root_speed"[^>]*type="number"|type="number"[^>]*id="root_speed"/);
    expect(html).toContain('id="root_speed__unit"');
    expect(html).toContain(">rpm<");
    expect(html).toContain(">kW<");
    expect(html.replaceAll("<!-- -->", "")).toContain('<span class="sr-only">Length </span>3 / 8</span>');
  });

  it("labels enum options and bool choices by the model's labels", () => {
    expect(html).toContain(">Normal (1)<");
    expect(html).toContain(">High (high)<");
    expect(html).toMatch(/role="radiogroup"[^>]*aria-labelledby="root_enabled__label"/);
    expect(html).toContain("On</label>");
    expect(html).toContain("Off</label>");
  });

  it("picks date and time inputs that produce the wire formats", () => {
    expect(html).toMatch(/id="root_day"[^>]*type="date"|type="date"[^>]*id="root_day"/);
    expect(html).toContain('type="datetime-local"');
  });

  it("draws structs as fieldsets and arrays as lists with their items", () => {
    expect(html).toMatch(/<fieldset[^>]*>.*?<legend[^>]*>.*?Config/);
    expect(html).toContain('aria-label="Items 2"');
    expect(html).toContain('aria-label="Remove item 2"');
    expect(html).toContain(">2 items<");
  });

  it("marks required fields", () => {
    expect(html).toContain('title="required"');
  });

  it("renders a struct array and a bool inside it (Alibaba)", () => {
    const ali = render(aliyun, { pairs: [{ k: "a", v: 1 }] });
    expect(ali).toMatch(/<legend[^>]*>.*?Pairs 1/);
    expect(ali).toContain('id="root_pairs_0_k"');
    expect(ali).toContain("(at most 2)");
  });

  it("gives each bool in an array its own two-option group", () => {
    const flags: ServiceSpec = {
      ...enos,
      inputs: [
        {
          identifier: "flags",
          name: { default: "Flags" },
          type: "array",
          required: true,
          items: { identifier: "", name: { default: "Item" }, type: "bool", required: true, boolLabels: { true: { default: "Yes" }, false: { default: "No" } } },
        },
      ],
    };
    const html = render(flags, { flags: [true, false] });
    expect(html).toContain('role="radiogroup" aria-label="Flags 1"');
    expect(html).toContain('role="radiogroup" aria-label="Flags 2"');
    expect(html).toMatch(/name="root_flags_0"[^>]*checked=""|checked=""[^>]*name="root_flags_0"/);
    expect(html.match(/type="radio"/g)).toHaveLength(4);
  });

  it("degrades unreadable model parts to JSON fields with a warning, never a crash", () => {
    for (const spec of [enosBroken, aliyunBroken]) {
      const broken = render(spec, { weird: { a: 1 } });
      expect(broken).toContain("The model could not be read here");
      expect(broken).toContain("<textarea");
    }
    expect(render(enosBroken, { weird: { a: 1 } })).toContain("&quot;a&quot;: 1");
  });

  it("renders in Chinese where the model has Chinese names", () => {
    const zh = render(enos, undefined, "zh-CN");
    expect(zh).toContain("转速");
    expect(zh).toContain(">正常 (1)<");
  });
});
