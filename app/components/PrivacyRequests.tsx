import { BlockStack, Button, Card, DataTable, Text } from "@shopify/polaris";
import { useState } from "react";
import type { PrivacyRequestListItem } from "~/privacy/compliance.server";

/** Each report section's name, one and many. */
const SECTION_LABELS: Record<string, [string, string]> = {
  showReminders: ["show reminder", "show reminders"],
  chatMessages: ["chat message", "chat messages"],
};

function heldSummary(counts: Record<string, number>): string {
  const held = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([section, count]) => `${count} ${SECTION_LABELS[section]?.[count === 1 ? 0 : 1] ?? section}`);
  return held.length ? held.join(", ") : "Nothing held";
}

/** The embedded admin's fetch carries App Bridge's session token; a plain link would not. */
function DownloadButton({ id }: { id: string }) {
  const [state, setState] = useState<"idle" | "loading" | "failed">("idle");
  const download = async () => {
    setState("loading");
    try {
      const response = await fetch(`/app/privacy-requests/${encodeURIComponent(id)}.json`);
      if (!response.ok) throw new Error(String(response.status));
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "data-request.json";
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = name;
      anchor.click();
      URL.revokeObjectURL(url);
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  return (
    <BlockStack gap="100">
      <Button onClick={download} loading={state === "loading"} size="slim">
        Download JSON
      </Button>
      {state === "failed" ? (
        <Text as="span" tone="critical">
          Could not download. Reload the page and try again.
        </Text>
      ) : null}
    </BlockStack>
  );
}

export function PrivacyRequests({ requests }: { requests: PrivacyRequestListItem[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="p">
          When you request a customer’s data in Shopify, Live Shows lists here what it holds for them. Download the report and send it to the customer.
          Reports go when Shopify asks for the customer’s data to be erased.
        </Text>
        {requests.length === 0 ? (
          <Text as="p" tone="subdued">
            No data requests yet.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text"]}
            headings={["Received", "Customer", "Held", "Report"]}
            rows={requests.map((request) => [
              request.receivedAtLabel,
              request.email ?? request.customerId.split("/").pop() ?? request.customerId,
              heldSummary(request.counts),
              <DownloadButton key={request.id} id={request.id} />,
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
