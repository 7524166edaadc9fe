// The live chat in the control room: the controls (chat on or off, slow mode), the pinned
// question, the questions waiting (oldest first), what viewers ask about most, and the latest
// messages. It loads /app/shows/:id/chat once, then follows the show's admin stream (ShowLive's
// chat feed): no polling, and a command never reloads the show page (app.shows.$id.tsx
// shouldRevalidate).
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Checkbox,
  Select,
  Spinner,
  Text,
} from "@shopify/polaris";
import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from "react";
import type { ChatEventData } from "~/chat/chat-event";
import { SLOW_MODE_SECONDS } from "~/chat/chat-settings";
import type { ControlRoomChat } from "~/chat/control-room-chat.server";
import { productMatcher, type LineupTitle } from "~/chat/insights";
import { SectionCard } from "../SectionCard";
import {
  applyChatEvent,
  applyChatLoad,
  EMPTY_CHAT,
  type ChatCardState,
} from "./chat-card-state";
import {
  chatPath,
  useChatCommands,
  type ChatAnswer,
  type ChatCommandRun,
} from "./ChatCardCommands";
import { authorOf, ChatCardMessage } from "./ChatCardMessage";
import { MostAsked, QuestionQueue } from "./ChatCardSections";
import type { ChatFeed } from "./ShowLive";

type Change =
  | { kind: "load"; chat: ControlRoomChat }
  | { kind: "event"; data: ChatEventData };

const slowModeOptions = SLOW_MODE_SECONDS.map((seconds) => ({
  value: String(seconds),
  label:
    seconds === 0 ? "Off" : `One message per viewer every ${seconds} seconds`,
}));

export function ChatCard({
  showId,
  lineup,
  feed,
}: {
  showId: string;
  lineup: LineupTitle[];
  feed: ChatFeed;
}) {
  const mentions = useMemo(() => productMatcher(lineup), [lineup]);
  const [chat, change] = useReducer(
    (state: ChatCardState, next: Change) =>
      next.kind === "load"
        ? applyChatLoad(state, next.chat, mentions)
        : applyChatEvent(state, next.data, mentions),
    EMPTY_CHAT
  );
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const stop = new AbortController();
    let loading = false;
    /** A resync came while a load was on its way, which may have read the chat before it. */
    let again = false;
    // A plain fetch (App Bridge adds the session token), not a fetcher: the router would load it
    // again after every action on the page, and the chat's loader counts the whole show's messages.
    async function loadChat() {
      if (loading) {
        again = true;
        return;
      }
      loading = true;
      try {
        const response = await fetch(chatPath(showId), {
          headers: { Accept: "application/json" },
          signal: stop.signal,
        });
        const body = (await response.json()) as
          | ControlRoomChat
          | { error?: string };
        if (response.ok && "controls" in body) {
          setFailed(null);
          change({ kind: "load", chat: body });
        } else {
          setFailed(
            ("error" in body && body.error) ||
              `The chat answered ${response.status}.`
          );
        }
      } catch {
        if (!stop.signal.aborted)
          setFailed(
            "The connection failed. The chat loads again when the live connection is back."
          );
      } finally {
        loading = false;
        if (again && !stop.signal.aborted) {
          again = false;
          void loadChat();
        }
      }
    }
    void loadChat();
    const unsubscribe = feed.subscribe((event) =>
      // "resync": the stream started over from a snapshot (it was away too long), so chat events may have been missed.
      event.kind === "chat"
        ? change({ kind: "event", data: event.data })
        : void loadChat()
    );
    return () => {
      stop.abort();
      unsubscribe();
    };
  }, [feed, showId]);

  const [notice, setNotice] = useState<ChatAnswer | null>(null);
  const latestRegion = useRef<HTMLDivElement>(null);
  const settled = useCallback((command: ChatCommandRun, answer: ChatAnswer) => {
    setNotice(answer);
    if ("error" in answer || !command.change) return;
    change({ kind: "event", data: command.change });
    // The button pressed may be gone with its message: keep the keyboard's place in the chat.
    if (document.activeElement === document.body) latestRegion.current?.focus();
  }, []);
  const { run, busy, runners } = useChatCommands(showId, settled);

  // New messages scroll into view, unless the host scrolled up to read.
  const following = useRef(true);
  useEffect(() => {
    const region = latestRegion.current;
    if (region && following.current) region.scrollTop = region.scrollHeight;
  }, [chat.latest]);

  return (
    // A landmark, so a screen reader can jump to the chat in a busy control room.
    <section aria-label="Live chat">
      <SectionCard title="Chat">
        {runners}
        <div role="status">
          {notice ? (
            "error" in notice ? (
              <Banner tone="critical" onDismiss={() => setNotice(null)}>
                <p>{notice.error}</p>
              </Banner>
            ) : (
              <Text as="p" tone="success">
                {notice.message}
              </Text>
            )
          ) : null}
        </div>
        {!chat.controls ? (
          failed ? (
            <Banner tone="critical" title="The chat could not be loaded">
              <p>{failed}</p>
            </Banner>
          ) : (
            <Spinner size="small" accessibilityLabel="Loading the chat" />
          )
        ) : (
          <BlockStack gap="400">
            <BlockStack gap="200">
              <Checkbox
                label="Viewers can post"
                helpText="Off: viewers still read the chat, but cannot post."
                checked={chat.controls.enabled}
                disabled={busy({ intent: "set_chat" })}
                onChange={(enabled) =>
                  run(
                    { intent: "set_chat", chat: enabled ? "on" : "off" },
                    { controls: { ...chat.controls!, enabled } }
                  )
                }
              />
              <Select
                label="Slow mode"
                options={slowModeOptions}
                value={String(chat.controls.slowSeconds)}
                disabled={busy({ intent: "set_slow_mode" })}
                onChange={(value) =>
                  run(
                    { intent: "set_slow_mode", slowSeconds: value },
                    {
                      controls: {
                        ...chat.controls!,
                        slowSeconds: Number(value),
                      },
                    }
                  )
                }
              />
            </BlockStack>
            {chat.pinned ? (
              <Box
                background="bg-surface-secondary"
                padding="300"
                borderRadius="200"
              >
                <BlockStack gap="100">
                  <Text as="h3" variant="headingSm">
                    Pinned above the chat
                  </Text>
                  <Text as="p" breakWord>
                    {chat.pinned.body}
                  </Text>
                  <Text as="p" tone="subdued" variant="bodySm">
                    {`Asked by ${authorOf(chat.pinned)}`}
                  </Text>
                  <Box>
                    <Button
                      size="slim"
                      accessibilityLabel="Unpin the pinned question"
                      loading={busy({ intent: "unpin_message" })}
                      onClick={() =>
                        run({ intent: "unpin_message" }, { pinned: null })
                      }
                    >
                      Unpin
                    </Button>
                  </Box>
                </BlockStack>
              </Box>
            ) : null}
            <QuestionQueue chat={chat} run={run} busy={busy} />
            <MostAsked chat={chat} />
            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">
                Latest messages
              </Text>
              <div
                ref={latestRegion}
                role="log"
                aria-label="Latest chat messages"
                tabIndex={0}
                style={{ maxHeight: 420, overflowY: "auto" }}
                onScroll={(event) => {
                  const region = event.currentTarget;
                  following.current =
                    region.scrollHeight -
                      region.scrollTop -
                      region.clientHeight <
                    24;
                }}
              >
                {chat.latest.length ? (
                  <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
                    {chat.latest.map((message) => (
                      <li key={message.id}>
                        <ChatCardMessage
                          message={message}
                          place="latest"
                          answered={chat.answered.has(message.id)}
                          run={run}
                          busy={busy}
                        />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Text as="p" tone="subdued">
                    No messages yet… Viewers’ messages appear here as they post
                    them.
                  </Text>
                )}
              </div>
            </BlockStack>
          </BlockStack>
        )}
      </SectionCard>
    </section>
  );
}
