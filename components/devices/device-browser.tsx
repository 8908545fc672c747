"use client";

import { useEffect, useRef, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { listProductsAction } from "@/app/_actions/list-products";
import { searchDevicesAction } from "@/app/_actions/search-devices";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { BatchSelection } from "./batch-selection";
import { batchHref } from "./device-link";
import { DeviceResults, type DeviceSelection } from "./device-results";
import { ProductFilter } from "./product-filter";

const PAGE_SIZE = 20;

function readPage(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

interface UrlState {
  q: string;
  page: number;
  product: string;
}

// Native history calls keep ?q=&page=&product= in the URL without a server round trip; Next syncs useSearchParams.
function setUrl(pathname: string, next: UrlState, mode: "push" | "replace") {
  const query = new URLSearchParams();
  if (next.product) query.set("product", next.product);
  if (next.q) query.set("q", next.q);
  if (next.page > 1) query.set("page", String(next.page));
  const url = query.size ? `${pathname}?${query}` : pathname;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

interface Props {
  connectionId: string;
  /** the most devices one batch call takes; null where the platform or the user's role has no batch */
  batchMax?: number | null;
}

export function DeviceBrowser({ connectionId, batchMax = null }: Props) {
  const pathname = usePathname();
  const params = useSearchParams();
  const t = useTranslations("devices");
  const q = params.get("q")?.trim() ?? "";
  const page = readPage(params.get("page"));
  const productParam = params.get("product")?.trim() ?? "";

  const [text, setText] = useState(q);
  const [syncedQ, setSyncedQ] = useState(q);
  if (q !== syncedQ) {
    setSyncedQ(q);
    if (text.trim() !== q) setText(q);
  }

  const products = useQuery({
    queryKey: ["products", connectionId],
    queryFn: async () => {
      const result = await listProductsAction({ connectionId });
      if (!result.ok) throw new Error(result.message);
      return { products: result.products, allProducts: result.allProducts };
    },
    staleTime: 60_000,
  });
  // users who may see only some products have no "all products": the first of theirs is shown
  const restricted = products.data && !products.data.allProducts ? products.data.products?.[0]?.productKey : undefined;
  const product = productParam || restricted || "";

  // A pending search must not rewrite the URL after the user clicked a device: that cancels the navigation.
  const pendingSearch = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === q) return;
    const timer = setTimeout(() => setUrl(pathname, { q: wanted, page: 1, product: productParam }, "replace"), 300);
    pendingSearch.current = timer;
    return () => clearTimeout(timer);
  }, [text, q, pathname, productParam]);

  const query = useQuery({
    queryKey: ["devices", connectionId, product, q, page],
    queryFn: async () => {
      const result = await searchDevicesAction({ connectionId, text: q || undefined, productKey: product || undefined, pageNo: page, pageSize: PAGE_SIZE });
      if (!result.ok) throw new Error(result.message);
      return result.page;
    },
    placeholderData: keepPreviousData,
  });

  const selection = useBatchSelection(product, batchMax);
  const pageKeys = query.isPlaceholderData ? [] : (query.data?.items.map((d) => d.deviceKey) ?? []);

  return (
    <div className="space-y-3" onClickCapture={(e) => (e.target as HTMLElement).closest("a") && clearTimeout(pendingSearch.current)}>
      <div className="flex flex-wrap items-end gap-3">
        <ProductFilter query={products} value={product} onChange={(p) => setUrl(pathname, { q, page: 1, product: p }, "push")} />
        <div className="flex w-full max-w-md flex-col gap-1.5">
          <Label htmlFor="device-search">{t("search")}</Label>
          <div className="relative">
            <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden="true" />
            <Input
              id="device-search"
              type="search"
              className="pl-8"
              placeholder={t("searchPlaceholder")}
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoComplete="off"
            />
          </div>
        </div>
      </div>
      {batchMax !== null && !product && Boolean(products.data?.products?.length) && (
        <p className="text-xs text-muted-foreground">{t("batchHint", { max: batchMax })}</p>
      )}
      {selection.enabled && batchMax !== null && (
        <BatchSelection
          count={selection.keys.length}
          max={batchMax}
          pageRemaining={pageKeys.filter((k) => !selection.keys.includes(k)).length}
          note={selection.note}
          batchHref={batchHref(connectionId, product, selection.keys)}
          onSelectPage={() => selection.addAll(pageKeys)}
          onClear={selection.clear}
        />
      )}
      <DeviceResults
        connectionId={connectionId}
        query={query}
        q={q}
        product={product}
        page={page}
        onPage={(p) => setUrl(pathname, { q, page: p, product: productParam }, "push")}
        selection={selection.enabled ? selection.rowSelection : undefined}
      />
    </div>
  );
}

/**
 * Devices ticked for a batch: of one product (a batch call takes one), kept across pages and
 * searches, dropped when the product changes, never more than `max`.
 */
function useBatchSelection(product: string, max: number | null) {
  const [keys, setKeys] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [forProduct, setForProduct] = useState(product);
  if (forProduct !== product) {
    setForProduct(product);
    setKeys([]);
    setNote(null);
  }
  const limit = max ?? 0;
  const addAll = (more: string[]) => {
    const fresh = more.filter((k) => !keys.includes(k));
    const room = Math.max(0, limit - keys.length);
    setKeys([...keys, ...fresh.slice(0, room)]);
    setNote(fresh.length > room ? `Only ${room} more fit: a batch takes at most ${limit} devices.` : null);
  };
  const rowSelection: DeviceSelection = {
    isSelected: (key) => keys.includes(key),
    canSelectMore: keys.length < limit,
    toggle: (key, on) => {
      setNote(null);
      if (!on) setKeys(keys.filter((k) => k !== key));
      else if (!keys.includes(key) && keys.length < limit) setKeys([...keys, key]);
    },
  };
  return {
    enabled: max !== null && product !== "",
    keys,
    note,
    addAll,
    clear: () => {
      setKeys([]);
      setNote(null);
    },
    rowSelection,
  };
}
