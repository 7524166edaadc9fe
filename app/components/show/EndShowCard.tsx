import { Modal, TitleBar } from "@shopify/app-bridge-react";
import { BlockStack, Box, Button, Card, InlineStack, List, Text } from "@shopify/polaris";
import { useState } from "react";

/** Ending cannot be undone, so "End show" asks first and says what happens: App Bridge's modal. */
export function EndShowCard({
  deal,
  ending,
  onEnd,
}: {
  /** The show's deal, which ends with the show. */
  deal: "running" | "scheduled" | null;
  ending: boolean;
  onEnd: () => void;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <Card>
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <Text as="p">You are live. Viewers see pinned products as you pin them.</Text>
        <Button tone="critical" loading={ending} onClick={() => setAsking(true)}>
          End show
        </Button>
      </InlineStack>
      <Modal id="end-show-modal" open={asking} onHide={() => setAsking(false)}>
        <Box padding="400">
          <BlockStack gap="200">
            <Text as="p">When you end the show:</Text>
            <List>
              <List.Item>The stream ends for every viewer and your encoder is disconnected. This show can’t go live again.</List.Item>
              {deal === "running" ? <List.Item>The running deal stops, and its discount code no longer works.</List.Item> : null}
              {deal === "scheduled" ? <List.Item>The scheduled deal is cancelled.</List.Item> : null}
              <List.Item>The replay follows: once the recording is ready, shoppers can watch it and buy from it.</List.Item>
            </List>
          </BlockStack>
        </Box>
        <TitleBar title="End the show?">
          <button
            variant="primary"
            tone="critical"
            onClick={() => {
              setAsking(false);
              onEnd();
            }}
          >
            End show
          </button>
          <button onClick={() => setAsking(false)}>Cancel</button>
        </TitleBar>
      </Modal>
    </Card>
  );
}
