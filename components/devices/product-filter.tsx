"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ProductList } from "@/lib/products";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

interface Props {
  query: UseQueryResult<ProductList>;
  /** the product shown ("" = all products) */
  value: string;
  onChange: (productKey: string) => void;
}

/** The connection's products as a select; nothing when the platform cannot list them. */
export function ProductFilter({ query, value, onChange }: Props) {
  const list = query.data;
  const t = useTranslations("devices");
  if (list && list.products === null) return null;
  const products = list?.products ?? [];
  // a product from the URL that the list does not hold (yet) stays selectable, so the select tells the truth
  const unknown = value && !products.some((p) => p.productKey === value) ? value : null;
  return (
    <div className="flex w-72 flex-col gap-1.5">
      <Label htmlFor="device-product">{t("product")}</Label>
      <NativeSelect
        id="device-product"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={!list}
        aria-describedby={query.isError ? "device-product-error" : undefined}
      >
        {!list && <option value={value}>{query.isError ? t("productsUnavailable") : t("loadingProducts")}</option>}
        {list?.allProducts && <option value="">{t("allProducts")}</option>}
        {unknown && <option value={unknown}>{unknown}</option>}
        {products.map((p) => (
          <option key={p.productKey} value={p.productKey}>
            {p.name === p.productKey ? p.productKey : `${p.name} (${p.productKey})`}
          </option>
        ))}
      </NativeSelect>
      {query.isError && (
        <p id="device-product-error" className="text-xs text-destructive">
          {query.error.message}
        </p>
      )}
    </div>
  );
}
