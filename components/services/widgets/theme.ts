"use client";
// The shadcn theme with the console's widgets and templates: one place that says how a ServiceSpec
// field looks. json-schema.ts names these widgets in its uiSchema.
import { withTheme, type ThemeProps } from "@rjsf/core";
import { Theme } from "@rjsf/shadcn";
import type { RJSFSchema } from "@rjsf/utils";
import { BaseInputTemplate } from "./base-input";
import { BoolWidget, SelectWidget } from "./choice-widgets";
import { ArrayFieldItemTemplate, ArrayFieldTemplate, ObjectFieldTemplate } from "./container-templates";
import { FieldTemplate } from "./field-template";
import type { InputFormContext } from "./form-context";
import { JsonField, TextareaWidget } from "./text-widgets";
import { TimestampWidget } from "./time-widgets";

export const consoleTheme: ThemeProps<unknown, RJSFSchema, InputFormContext> = {
  ...Theme,
  widgets: { ...Theme.widgets, BoolWidget, SelectWidget, TimestampWidget, TextareaWidget },
  templates: { ...Theme.templates, BaseInputTemplate, FieldTemplate, ObjectFieldTemplate, ArrayFieldTemplate, ArrayFieldItemTemplate },
  fields: { ...Theme.fields, JsonField },
};

export const ServiceForm = withTheme<unknown, RJSFSchema, InputFormContext>(consoleTheme);
