// The chat card's lists: the questions waiting (oldest first, the pinned one shown above them
// instead) and the lineup products viewers ask about most.
import { BlockStack, Text } from "@shopify/polaris";
import { mostAsked } from "~/chat/insights";
import type { ChatCardState } from "./chat-card-state";
import { ChatCardMessage, type RunChatCommand } from "./ChatCardMessage";

export function QuestionQueue({
  chat,
  run,
  busy,
}: {
  chat: ChatCardState;
  run: RunChatCommand;
  busy: (fields: Record<string, string>) => boolean;
}) {
  const waiting = chat.questions.filter(
    (question) => question.id !== chat.pinned?.id
  );
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm">
        {`Questions waiting (${waiting.length})`}
      </Text>
      {waiting.length ? (
        <ul
          aria-label="Questions waiting, oldest first"
          style={{ listStyle: "none", margin: 0, padding: 0 }}
        >
          {waiting.map((question) => (
            <li key={question.id}>
              <ChatCardMessage
                message={question}
                place="queue"
                answered={false}
                run={run}
                busy={busy}
              />
            </li>
          ))}
        </ul>
      ) : (
        <Text as="p" tone="subdued">
          No questions waiting.
        </Text>
      )}
    </BlockStack>
  );
}

export function MostAsked({ chat }: { chat: ChatCardState }) {
  const ranked = mostAsked(chat.products);
  const plural = (count: number, word: string) =>
    `${count} ${word}${count === 1 ? "" : "s"}`;
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm">
        Most asked
      </Text>
      {ranked.length ? (
        <ol
          aria-label="Most asked products"
          style={{ margin: 0, paddingInlineStart: 20 }}
        >
          {ranked.map((product) => (
            <li key={product.productId}>
              <Text as="span">{`${product.title}: ${plural(
                product.questions,
                "question"
              )}, ${plural(product.mentions, "mention")}`}</Text>
            </li>
          ))}
        </ol>
      ) : (
        <Text as="p" tone="subdued">
          No product of the lineup named in the chat yet.
        </Text>
      )}
    </BlockStack>
  );
}
