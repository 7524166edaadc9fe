// One chat message in the control room, with what the host can do to it: a waiting question can
// be pinned and marked answered; any message hidden; a viewer banned, after saying from where.
// Author and body are the viewer's words: React writes them as text, never as markup.
import { Badge, BlockStack, Box, Button, InlineStack, Text } from "@shopify/polaris";
import { useId, useState } from "react";
import type { ChatEventData, ChatMessageView } from "~/chat/chat-event";

export type RunChatCommand = (fields: Record<string, string>, change?: ChatEventData | null) => void;

export const authorOf = (message: ChatMessageView) => (message.kind === "assistant" ? "Assistant" : message.author);

export function ChatCardMessage({
  message,
  place,
  answered,
  run,
  busy,
}: {
  message: ChatMessageView;
  /** In the question queue (pin, mark answered, hide) or the latest messages (hide, ban). */
  place: "queue" | "latest";
  answered: boolean;
  run: RunChatCommand;
  busy: (fields: Record<string, string>) => boolean;
}) {
  const author = authorOf(message);
  const on = { messageId: message.id };
  const hide = { intent: "hide_message", ...on };
  return (
    <Box paddingBlock="200" borderBlockStartWidth="025" borderColor="border">
      <BlockStack gap="100">
        <InlineStack gap="200" blockAlign="center">
          <Text as="span" fontWeight="semibold">
            {author}
          </Text>
          {message.kind === "assistant" ? <Badge tone="info">Assistant</Badge> : null}
          {place === "latest" && message.question ? <Badge tone={answered ? "success" : "attention"}>{answered ? "Answered" : "Question"}</Badge> : null}
        </InlineStack>
        <Text as="p" breakWord>
          {message.body}
        </Text>
        <InlineStack gap="200">
          {place === "queue" ? (
            <>
              <Button size="slim" accessibilityLabel={`Pin ${author}'s question`} loading={busy({ intent: "pin_message", ...on })} onClick={() => run({ intent: "pin_message", ...on }, { pinned: message })}>
                Pin
              </Button>
              <Button
                size="slim"
                accessibilityLabel={`Mark ${author}'s question answered`}
                loading={busy({ intent: "mark_answered", ...on })}
                onClick={() => run({ intent: "mark_answered", ...on }, { answered: [message.id] })}
              >
                Mark answered
              </Button>
            </>
          ) : null}
          <Button size="slim" accessibilityLabel={`Hide ${author}'s message`} loading={busy(hide)} onClick={() => run(hide, { hidden: [message.id] })}>
            Hide
          </Button>
          {place === "latest" && message.kind === "viewer" ? <BanViewer message={message} author={author} run={run} busy={busy} /> : null}
        </InlineStack>
      </BlockStack>
    </Box>
  );
}

/** Ban asks first, where from: a ban cannot be undone from here. */
function BanViewer({ message, author, run, busy }: { message: ChatMessageView; author: string; run: RunChatCommand; busy: (fields: Record<string, string>) => boolean }) {
  const [asking, setAsking] = useState(false);
  const choices = useId();
  const ban = (scope: "show" | "shop") => {
    setAsking(false);
    run({ intent: "ban_viewer", messageId: message.id, scope });
  };
  return (
    <>
      <Button size="slim" tone="critical" variant="plain" ariaExpanded={asking} ariaControls={choices} loading={busy({ intent: "ban_viewer", messageId: message.id })} onClick={() => setAsking(!asking)}>
        {`Ban ${author}…`}
      </Button>
      <div id={choices} role="group" aria-label={`Ban ${author}`} hidden={!asking}>
        {asking ? (
          <InlineStack gap="200" blockAlign="center">
            <Text as="span">From:</Text>
            <Button size="slim" tone="critical" onClick={() => ban("show")}>
              This show
            </Button>
            <Button size="slim" tone="critical" onClick={() => ban("shop")}>
              Every show
            </Button>
            <Button size="slim" onClick={() => setAsking(false)}>
              Cancel
            </Button>
          </InlineStack>
        ) : null}
      </div>
    </>
  );
}
