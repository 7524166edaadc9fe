import { BlockStack, Card, Text } from "@shopify/polaris";
import { FetchDownloadButton } from "./FetchDownloadButton";
import type { PrivacyRequestListItem } from "~/privacy/compliance.server";
import { TableOrEmpty } from "./TableOrEmpty";

/** Each report section's name, one and many. */
const SECTION_LABELS: Record<string, [string, string]> = {
  showReminders: ["show reminder", "show reminders"],
  chatMessages: ["chat message", "chat messages"],
  chatBans: ["chat ban", "chat bans"],
};

function heldSummary(counts: Record<string, number>): string {
  const held = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([section, count]) => `${count} ${SECTION_LABELS[section]?.[count === 1 ? 0 : 1] ?? section}`);
  return held.length ? held.join(", ") : "Nothing held";
}

function PrivacyDownload({ id }: { id: string }) {
  return <FetchDownloadButton url={`/app/privacy-requests/${encodeURIComponent(id)}.json`} fallbackName="data-request.json" label="Download JSON" size="slim" />;
}

export function PrivacyRequests({ requests }: { requests: PrivacyRequestListItem[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="p">
          When you request a customer’s data in Shopify, Live Shows lists here what it holds for them. Download the report and send it to the customer.
          Reports go when Shopify asks for the customer’s data to be erased.
        </Text>
        <TableOrEmpty
          empty="No data requests yet."
            columnContentTypes={["text", "text", "text", "text"]}
            headings={["Received", "Customer", "Held", "Report"]}
            rows={requests.map((request) => [
              request.receivedAtLabel,
              request.email ?? request.customerId.split("/").pop() ?? request.customerId,
              heldSummary(request.counts),
              <PrivacyDownload key={request.id} id={request.id} />,
            ])}
        />
      </BlockStack>
    </Card>
  );
}
