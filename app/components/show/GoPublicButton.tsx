import { useFetcher } from "@remix-run/react";
import { Modal, TitleBar } from "@shopify/app-bridge-react";
import { BlockStack, Box, Button, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";
import type { CommandResult } from "./types";

/**
 * The page shows what going public did (ShowPage): once public, the rehearsal's card and this
 * button are gone, and the answer would go with them.
 */
export const GO_PUBLIC_FETCHER = "go-public";

/** The end of a rehearsal: the same show, now for shoppers. It cannot be made private again, so it asks first. */
export function GoPublicButton({ live }: { live: boolean }) {
  const goPublic = useFetcher<CommandResult>({ key: GO_PUBLIC_FETCHER });
  const [asking, setAsking] = useState(false);
  return (
    <BlockStack gap="200">
      <InlineStack>
        <Button variant="primary" loading={goPublic.state !== "idle"} onClick={() => setAsking(true)}>
          Go public
        </Button>
      </InlineStack>
      <Modal id="go-public-modal" open={asking} onHide={() => setAsking(false)}>
        <Box padding="400">
          <Text as="p">
            {live
              ? "Shoppers on your storefront can watch this show right away, and it counts as a show gone live on your plan. Sales from now on earn your host a commission; what sold during the rehearsal earns none."
              : "Shoppers see this show on your storefront from now on, with its countdown, and it goes live for them when your encoder connects. Sales during the show earn your host a commission."}{" "}
            The preview link keeps working until it expires.
          </Text>
        </Box>
        <TitleBar title="Make this show public?">
          <button
            variant="primary"
            onClick={() => {
              setAsking(false);
              goPublic.submit({ intent: "go_public" }, { method: "post" });
            }}
          >
            Go public
          </button>
          <button onClick={() => setAsking(false)}>Cancel</button>
        </TitleBar>
      </Modal>
    </BlockStack>
  );
}
