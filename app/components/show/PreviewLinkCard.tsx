import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { goPublicRefusal } from "~/shows/show-controls";
import { SectionCard } from "../SectionCard";
import { GoPublicButton } from "./GoPublicButton";
import type { CommandResult, ShowView } from "./types";

type PreviewCard = NonNullable<ShowView["preview"]>;

/**
 * The show's private link to the storefront: to rehearse with the host before shoppers can see
 * the show. Whoever opens it sees the show as shoppers will, but is not counted, gets no deal
 * and earns nobody a commission.
 */
export function PreviewLinkCard({ show, preview }: { show: ShowView; preview: PreviewCard }) {
  const change = useFetcher<CommandResult>();
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const { link } = preview;
  const rehearsal = show.mode === "rehearsal";
  const submit = (intent: "new_preview_link" | "revoke_preview_link") => {
    setCopied(null);
    change.submit({ intent }, { method: "post" });
  };
  const copy = (url: string) =>
    navigator.clipboard.writeText(url).then(
      () => setCopied("copied"),
      () => setCopied("failed"),
    );
  return (
    <SectionCard title={rehearsal ? "Rehearsal" : "Private preview"}>
      <Text as="p">
        {rehearsal
          ? "Shoppers can’t see this show. Open it on your storefront with this private link, and share it with your host to rehearse together."
          : "Open this show on your storefront as shoppers will see it, before it goes live. Share the link with your host to rehearse together."}{" "}
        Nobody who opens it is counted as a viewer, gets the show’s deal or earns a commission.
      </Text>
      {link ? (
        <BlockStack gap="200">
          <TextField
            label="Preview link"
            value={link.url}
            readOnly
            autoComplete="off"
            helpText={`Works until ${link.expiresAtLabel}.`}
            connectedRight={<Button onClick={() => void copy(link.url)}>Copy link</Button>}
          />
          <InlineStack gap="200" blockAlign="center">
            <Button url={link.url} target="_blank">
              Open preview
            </Button>
            <Button loading={change.state !== "idle"} onClick={() => submit("new_preview_link")}>
              New link
            </Button>
            <Button variant="plain" tone="critical" onClick={() => submit("revoke_preview_link")}>
              Revoke link
            </Button>
          </InlineStack>
        </BlockStack>
      ) : (
        <InlineStack gap="200" blockAlign="center">
          <Text as="p" tone="subdued">
            No preview link works now: none was made yet, or it expired or was revoked.
          </Text>
          <Button loading={change.state !== "idle"} onClick={() => submit("new_preview_link")}>
            Create preview link
          </Button>
        </InlineStack>
      )}
      <div role="status">
        {copied ? (
          <Text as="p" tone={copied === "copied" ? "success" : "critical"}>
            {copied === "copied" ? "Link copied." : "Your browser did not let the app copy. Select the link and copy it yourself."}
          </Text>
        ) : change.data?.message ? (
          <Text as="p" tone={change.data.ok ? "success" : "critical"}>
            {change.data.message}
          </Text>
        ) : null}
      </div>
      {rehearsal && goPublicRefusal(show.status, show.mode) === null ? <GoPublicButton live={show.status === "live"} /> : null}
    </SectionCard>
  );
}
