import { Form, useNavigation } from "@remix-run/react";
import { SaveBar, useAppBridge } from "@shopify/app-bridge-react";
import {
  Banner,
  BlockStack,
  Button,
  ButtonGroup,
  Card,
  Checkbox,
  Collapsible,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
  Thumbnail,
} from "@shopify/polaris";
import { useRef, useState } from "react";
import type { HostOption } from "~/creators/creators.server";
import { formatMoney, parseMinorUnits } from "~/lib/money";
import { HostPicker, NO_HOST_YET, sameHost } from "./HostPicker";
import { ShowDealFields } from "./ShowDealFields";
import { SectionCard } from "./SectionCard";

interface SimulcastTarget {
  label: "YouTube" | "Facebook" | "TikTok" | "Other";
  url: string;
  streamKey: string;
}

const PLATFORM_OPTIONS = ["YouTube", "Facebook", "TikTok", "Other"].map((label) => ({ label, value: label }));

export interface LineupProduct {
  id: string;
  title: string;
  handle: string;
  imageUrl: string | null;
  /** What the picker said, for the merchant's eyes only: the server keeps ids and titles. */
  priceLabel: string;
  /** The lowest variant price in minor units, for the deal's warning. */
  lowestPriceMinor: number | null;
  stockLabel: string;
}

interface PickedProduct {
  id: string;
  title: string;
  handle?: string;
  images?: { originalSrc?: string; url?: string }[];
  variants?: { price?: string; inventoryQuantity?: number | null }[];
}

/** The variants' prices ("19.99", in the shop's currency) in minor units, lowest first; a price in an unexpected shape is left out. */
function sortedPricesMinor(variants: PickedProduct["variants"] = [], currency: string): number[] {
  return variants
    .flatMap((variant) => {
      try {
        return variant.price ? [parseMinorUnits(variant.price, currency)] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a - b);
}

/** "199.00 SEK" or "199.00 SEK–249.00 SEK". */
function priceLabel(pricesMinor: number[], currency: string): string {
  const [lowest, highest] = [pricesMinor[0], pricesMinor.at(-1)];
  if (lowest === undefined || highest === undefined) return "";
  return lowest === highest ? formatMoney(lowest, currency) : `${formatMoney(lowest, currency)}–${formatMoney(highest, currency)}`;
}

/** The lineup's lowest prices in minor units. */
function lineupPricesMinor(products: LineupProduct[]): number[] {
  return products.flatMap((product) => (product.lowestPriceMinor === null ? [] : [product.lowestPriceMinor]));
}

function stockLabel(variants: PickedProduct["variants"] = []): string {
  if (variants.some((variant) => variant.inventoryQuantity === null || variant.inventoryQuantity === undefined)) return "Not tracked";
  const total = variants.reduce((sum, variant) => sum + (variant.inventoryQuantity ?? 0), 0);
  return total === 0 ? "Sold out" : `${total} in stock`;
}

function move<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return items;
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

export function ShowForm({ timezone, currency, hosts, errors }: { timezone: string; currency: string; hosts: HostOption[]; errors: Record<string, string> }) {
  const shopify = useAppBridge();
  const saving = useNavigation().state === "submitting";
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [startsAt, setStartsAt] = useState("");
  const [duration, setDuration] = useState("60");
  const [host, setHost] = useState(NO_HOST_YET);
  const [mode, setMode] = useState("public");
  const [coverImageUrl, setCoverImageUrl] = useState("");
  const [products, setProducts] = useState<LineupProduct[]>([]);
  const [dragged, setDragged] = useState<number | null>(null);
  const [simulcast, setSimulcast] = useState<SimulcastTarget[]>([]);
  const [dealEnabled, setDealEnabled] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const dirty = Boolean(title || description || startsAt || !sameHost(host, NO_HOST_YET) || coverImageUrl || products.length || simulcast.length || dealEnabled);

  function discard() {
    setTitle("");
    setDescription("");
    setStartsAt("");
    setDuration("60");
    setHost(NO_HOST_YET);
    setMode("public");
    setCoverImageUrl("");
    setProducts([]);
    setSimulcast([]);
    setDealEnabled(false);
  }

  function updateTarget(index: number, patch: Partial<SimulcastTarget>) {
    setSimulcast(simulcast.map((target, i) => (i === index ? { ...target, ...patch } : target)));
  }

  async function pickProducts() {
    const selection = (await shopify.resourcePicker({
      type: "product",
      multiple: true,
      action: "select",
      selectionIds: products.map((product) => ({ id: product.id })),
    })) as PickedProduct[] | undefined;
    if (!selection) return;
    setProducts(
      selection.map((picked) => {
        const prices = sortedPricesMinor(picked.variants, currency);
        return {
          id: picked.id,
          title: picked.title,
          handle: picked.handle ?? "",
          imageUrl: picked.images?.[0]?.originalSrc ?? picked.images?.[0]?.url ?? null,
          priceLabel: priceLabel(prices, currency),
          lowestPriceMinor: prices[0] ?? null,
          stockLabel: stockLabel(picked.variants),
        };
      }),
    );
  }

  return (
    <Page title="Schedule a show" backAction={{ content: "Shows", url: "/app/shows" }}>
      <SaveBar id="show-form-save-bar" open={dirty && !saving}>
        <button variant="primary" onClick={() => form.current?.requestSubmit()}>
          Save
        </button>
        <button onClick={discard}>Discard</button>
      </SaveBar>
      <Form method="post" ref={form}>
        <Layout>
          {Object.keys(errors).length > 0 ? (
            <Layout.Section>
              <Banner tone="critical" title="The show could not be saved">
                <p>Fix the fields marked below and save again.</p>
              </Banner>
            </Layout.Section>
          ) : null}
          <Layout.Section>
            <Card>
              <FormLayout>
                <TextField label="Title" name="title" value={title} onChange={setTitle} autoComplete="off" error={errors.title} />
                <TextField
                  label="Description"
                  name="description"
                  value={description}
                  onChange={setDescription}
                  multiline={3}
                  autoComplete="off"
                  error={errors.description}
                />
                <FormLayout.Group>
                  <TextField
                    label={`Starts (${timezone})`}
                    name="startsAt"
                    type="datetime-local"
                    value={startsAt}
                    onChange={setStartsAt}
                    autoComplete="off"
                    error={errors.startsAt}
                  />
                  <TextField
                    label="Expected length (minutes)"
                    name="durationMinutes"
                    type="number"
                    value={duration}
                    onChange={setDuration}
                    autoComplete="off"
                    error={errors.durationMinutes}
                  />
                </FormLayout.Group>
                <HostPicker hosts={hosts} value={host} onChange={setHost} errors={errors} />
                <TextField
                  label="Cover image URL"
                  name="coverImageUrl"
                  type="url"
                  value={coverImageUrl}
                  onChange={setCoverImageUrl}
                  autoComplete="off"
                  helpText="Shown before the show starts. Leave empty to use the first product's image."
                  error={errors.coverImageUrl}
                />
                <Select
                  label="Visibility"
                  name="mode"
                  value={mode}
                  onChange={setMode}
                  error={errors.mode}
                  options={[
                    { label: "Public on the storefront", value: "public" },
                    { label: "Rehearsal only (preview link, test payouts)", value: "rehearsal" },
                  ]}
                />
              </FormLayout>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Products
                  </Text>
                  <Button onClick={pickProducts}>{products.length ? "Change products" : "Pick products"}</Button>
                </InlineStack>
                {errors.products ? (
                  <Text as="p" tone="critical">
                    {errors.products}
                  </Text>
                ) : null}
                {products.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Choose the products you will show. Drag them, or use Up and Down, to set the order shoppers see.
                  </Text>
                ) : (
                  <ol aria-label="Show lineup" style={{ listStyle: "none", margin: 0, padding: 0 }}>
                    {products.map((product, index) => (
                      <li
                        key={product.id}
                        style={{ padding: "8px 0", cursor: "grab", opacity: dragged === index ? 0.5 : 1 }}
                        draggable
                        onDragStart={() => setDragged(index)}
                        onDragOver={(event) => event.preventDefault()}
                        onDrop={() => {
                          if (dragged !== null) setProducts(move(products, dragged, index));
                          setDragged(null);
                        }}
                        onDragEnd={() => setDragged(null)}
                      >
                        <InlineStack align="space-between" blockAlign="center">
                          <InlineStack gap="300" blockAlign="center">
                            <Thumbnail source={product.imageUrl ?? "/empty-state.svg"} alt="" size="small" />
                            <BlockStack gap="050">
                              <Text as="span">{`${index + 1}. ${product.title}`}</Text>
                              <Text as="span" variant="bodySm" tone="subdued">
                                {[product.priceLabel, product.stockLabel].filter(Boolean).join(" · ")}
                              </Text>
                            </BlockStack>
                          </InlineStack>
                          <ButtonGroup>
                            <Button
                              accessibilityLabel={`Move ${product.title} up`}
                              disabled={index === 0}
                              onClick={() => setProducts(move(products, index, index - 1))}
                            >
                              Up
                            </Button>
                            <Button
                              accessibilityLabel={`Move ${product.title} down`}
                              disabled={index === products.length - 1}
                              onClick={() => setProducts(move(products, index, index + 1))}
                            >
                              Down
                            </Button>
                            <Button
                              accessibilityLabel={`Remove ${product.title}`}
                              tone="critical"
                              variant="plain"
                              onClick={() => setProducts(products.filter((item) => item.id !== product.id))}
                            >
                              Remove
                            </Button>
                          </ButtonGroup>
                        </InlineStack>
                      </li>
                    ))}
                  </ol>
                )}
                <input type="hidden" name="products" value={JSON.stringify(products)} />
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Also stream to
                  </Text>
                  <Button
                    disabled={simulcast.length >= 3}
                    onClick={() => setSimulcast([...simulcast, { label: "YouTube", url: "", streamKey: "" }])}
                  >
                    Add a platform
                  </Button>
                </InlineStack>
                {errors.simulcastTargets ? (
                  <Text as="p" tone="critical">
                    {errors.simulcastTargets}
                  </Text>
                ) : null}
                {simulcast.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Mux can forward the stream to YouTube, Facebook or TikTok while it plays on your store.
                  </Text>
                ) : (
                  simulcast.map((target, index) => (
                    <FormLayout.Group key={index} condensed>
                      <Select
                        label={`Platform ${index + 1}`}
                        options={PLATFORM_OPTIONS}
                        value={target.label}
                        onChange={(label) => updateTarget(index, { label: label as SimulcastTarget["label"] })}
                      />
                      <TextField
                        label={`Server URL ${index + 1}`}
                        value={target.url}
                        onChange={(url) => updateTarget(index, { url })}
                        autoComplete="off"
                        placeholder="rtmps://"
                      />
                      <TextField
                        label={`Stream key ${index + 1}`}
                        type="password"
                        value={target.streamKey}
                        onChange={(streamKey) => updateTarget(index, { streamKey })}
                        autoComplete="off"
                        connectedRight={
                          <Button accessibilityLabel={`Remove platform ${index + 1}`} onClick={() => setSimulcast(simulcast.filter((_, i) => i !== index))}>
                            Remove
                          </Button>
                        }
                      />
                    </FormLayout.Group>
                  ))
                )}
                <input type="hidden" name="simulcastTargets" value={JSON.stringify(simulcast)} />
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <SectionCard title="Show deal">
              <Checkbox
                label="Offer a deal on the lineup during the show"
                helpText="A real Shopify discount code, created when you save, that works only while the deal runs."
                checked={dealEnabled}
                onChange={setDealEnabled}
                ariaControls="show-deal-fields"
              />
              <input type="hidden" name="dealEnabled" value={dealEnabled ? "on" : ""} />
              <Collapsible id="show-deal-fields" open={dealEnabled}>
                {dealEnabled ? (
                  <ShowDealFields
                    currency={currency}
                    timezone={timezone}
                    defaults={{ title, durationMinutes: duration, lineupPricesMinor: lineupPricesMinor(products) }}
                    errors={errors}
                  />
                ) : null}
              </Collapsible>
            </SectionCard>
          </Layout.Section>
          <Layout.Section>
            <InlineStack align="end">
              <Button submit variant="primary" loading={saving}>
                Save show
              </Button>
            </InlineStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
