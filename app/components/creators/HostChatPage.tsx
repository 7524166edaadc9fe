// The host's chat moderation in the creator portal: the questions waiting, the latest messages,
// and a button per command. Plain forms, so it works before (and without) the page's script;
// while the show is live the page reads the chat again every few seconds.
import { Form, useNavigation, useRevalidator } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useEffect } from "react";
import type { ChatMessageView } from "~/chat/chat-event";
import type { HostedChat } from "~/chat/host-moderation.server";
import { SectionCard } from "../SectionCard";

const REFRESH_MS = 5_000;

function CommandButton({ fields, label, tone }: { fields: Record<string, string>; label: string; tone?: "critical" }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && Object.entries(fields).every(([name, value]) => navigation.formData?.get(name) === value);
  return (
    <Form method="post">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit size="slim" tone={tone} loading={busy}>
        {label}
      </Button>
    </Form>
  );
}

function MessageRow({ message, pinned, live }: { message: ChatMessageView; pinned: boolean; live: boolean }) {
  const on = { messageId: message.id };
  return (
    <Box paddingBlockStart="200" borderBlockStartWidth="025" borderColor="border">
      <BlockStack gap="100">
        <InlineStack gap="200" blockAlign="center">
          <Text as="span" fontWeight="semibold">
            {message.kind === "assistant" ? "Assistant" : message.author}
          </Text>
          {message.question ? <Badge tone="info">Question</Badge> : null}
          {pinned ? <Badge tone="attention">Pinned</Badge> : null}
        </InlineStack>
        <Text as="p">{message.body}</Text>
        {live && message.kind === "viewer" ? (
          <InlineStack gap="200">
            {pinned ? <CommandButton fields={{ intent: "unpin_message" }} label="Unpin" /> : <CommandButton fields={{ intent: "pin_message", ...on }} label="Pin" />}
            {message.question ? <CommandButton fields={{ intent: "mark_answered", ...on }} label="Answered" /> : null}
            <CommandButton fields={{ intent: "hide_message", ...on }} label="Hide" />
            <CommandButton fields={{ intent: "ban_viewer", scope: "show", ...on }} label="Ban from this show" tone="critical" />
            <CommandButton fields={{ intent: "ban_viewer", scope: "shop", ...on }} label="Ban from every show" tone="critical" />
          </InlineStack>
        ) : null}
      </BlockStack>
    </Box>
  );
}

function Messages({ messages, pinnedId, live, empty }: { messages: ChatMessageView[]; pinnedId: string | null; live: boolean; empty: string }) {
  if (!messages.length) return <Text as="p" tone="subdued">{empty}</Text>;
  return (
    <BlockStack gap="200">
      {messages.map((message) => (
        <MessageRow key={message.id} message={message} pinned={message.id === pinnedId} live={live} />
      ))}
    </BlockStack>
  );
}

export function HostChatPage({ hosted, result }: { hosted: HostedChat; result?: { ok: boolean; message: string } }) {
  const { show, chat } = hosted;
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!show.live) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [show.live, revalidator]);
  const pinnedId = chat.pinned?.id ?? null;

  return (
    <Page title={`Chat: ${show.title}`} backAction={{ content: "Your portal", url: "/creator" }} titleMetadata={show.mode === "rehearsal" ? <Badge>Rehearsal</Badge> : undefined}>
      <Layout>
        <Layout.Section>
          <div role="status">{result ? <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner> : null}</div>
        </Layout.Section>
        {!show.live ? (
          <Layout.Section>
            <Banner tone="info">The chat can be moderated while the show is live.</Banner>
          </Layout.Section>
        ) : null}
        {!chat.controls.enabled ? (
          <Layout.Section>
            <Banner tone="warning">The shop has turned the chat off: viewers can read it but not post.</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <SectionCard title="Pinned">
            <Messages messages={chat.pinned ? [chat.pinned] : []} pinnedId={pinnedId} live={show.live} empty="Nothing is pinned above the chat." />
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title="Questions waiting">
            <Messages messages={chat.questions} pinnedId={pinnedId} live={show.live} empty="No questions waiting." />
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title="Latest messages">
            <Messages messages={chat.latest} pinnedId={pinnedId} live={show.live} empty="No messages yet." />
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
