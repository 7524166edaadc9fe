// Settings → Chat: the shop's rules for every show's chat. One form of its own (intent "chat"),
// so saving it never touches the payout settings beside it, and their errors stay apart.
import { useAppBridge } from "@shopify/app-bridge-react";
import { Form, useNavigation } from "@remix-run/react";
import { BlockStack, Button, Card, Checkbox, FormLayout, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { ChatSettings } from "~/chat/chat-settings.server";
import { MAX_BLOCKED_WORDS, MAX_BLOCKED_WORD_CHARACTERS } from "~/chat/blocked-words";
import { MAX_SHIPPING_TEXT_CHARACTERS } from "~/chat/chat-settings";

export const CHAT_SETTINGS_INTENT = "chat";

interface Props {
  settings: ChatSettings;
  errors: Record<string, string | undefined>;
  /** A fresh id for each save that succeeded, so each save shows its own toast. */
  saveId: string | null;
}

export function ChatSettingsCard({ settings, errors, saveId }: Props) {
  const shopify = useAppBridge();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === CHAT_SETTINGS_INTENT;
  const [blockedWords, setBlockedWords] = useState(settings.blockedWords.join("\n"));
  const [shippingText, setShippingText] = useState(settings.shippingText);
  const [assistant, setAssistant] = useState(settings.assistant);
  const [socialProof, setSocialProof] = useState(settings.socialProof);
  const [buyerCity, setBuyerCity] = useState(settings.buyerCity);

  useEffect(() => {
    if (saveId) shopify.toast.show("Chat settings saved");
  }, [saveId, shopify]);

  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value={CHAT_SETTINGS_INTENT} />
        <FormLayout>
          <TextField
            label="Blocked words"
            name="blockedWords"
            multiline={4}
            autoComplete="off"
            value={blockedWords}
            onChange={setBlockedWords}
            error={errors.blockedWords}
            helpText={`One word or phrase a line (up to ${MAX_BLOCKED_WORDS}, ${MAX_BLOCKED_WORD_CHARACTERS} characters each). A message or name holding one is refused; end a word with * to block its endings too (spam* blocks spammer).`}
          />
          <Checkbox
            label="Assistant answers routine questions"
            name="assistant"
            checked={assistant}
            onChange={setAssistant}
            error={errors.assistant}
            helpText="Size, colour, price, stock, deals and shipping, from live store data, labelled as the assistant’s. It stays silent on what it cannot answer."
          />
          <TextField
            label="Shipping text"
            name="shippingText"
            multiline={3}
            autoComplete="off"
            value={shippingText}
            onChange={setShippingText}
            error={errors.shippingText}
            maxLength={MAX_SHIPPING_TEXT_CHARACTERS}
            showCharacterCount
            helpText="What the assistant answers when a viewer asks about shipping. Leave it empty and the assistant does not answer shipping questions."
          />
          <Checkbox
            label="Tell viewers when someone buys during the show"
            name="socialProof"
            checked={socialProof}
            onChange={setSocialProof}
            error={errors.socialProof}
            helpText="“Someone just bought the Merino Crew Sweater”, from orders attributed to the show. No name or email is ever shown."
          />
          <Checkbox
            label="Name the buyer’s city"
            name="buyerCity"
            checked={buyerCity}
            onChange={setBuyerCity}
            error={errors.buyerCity}
            helpText="“Someone in Malmö just bought …”: the city the order ships to, and nothing else of the address."
          />
          <BlockStack gap="200">
            <Button submit variant="primary" loading={saving}>
              Save chat settings
            </Button>
          </BlockStack>
        </FormLayout>
      </Form>
    </Card>
  );
}
