// The chat card's commands to /app/shows/:id/chat. Each command runs in a fetcher of its own,
// held by the card rather than by the message's row: a hide or a ban can take the row away (the
// stream says so) before the answer comes back, and the answer must still be read and said.
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatEventData } from "~/chat/chat-event";

/** What the chat route answers: done, or why not in words. */
export type ChatAnswer = { ok: true; message: string } | { error: string };

export interface ChatCommandRun {
  id: number;
  fields: Record<string, string>;
  /** What the card shows at once when the command is done; the stream says the same a moment later. */
  change: ChatEventData | null;
}

export const chatPath = (showId: string) => `/app/shows/${encodeURIComponent(showId)}/chat`;

export function useChatCommands(showId: string, onSettled: (run: ChatCommandRun, answer: ChatAnswer) => void) {
  const [running, setRunning] = useState<ChatCommandRun[]>([]);
  const nextId = useRef(0);
  const run = useCallback((fields: Record<string, string>, change: ChatEventData | null = null) => {
    nextId.current += 1;
    const command = { id: nextId.current, fields, change };
    setRunning((current) => [...current, command]);
  }, []);
  const settle = useCallback(
    (command: ChatCommandRun, answer: ChatAnswer) => {
      setRunning((current) => current.filter((other) => other.id !== command.id));
      onSettled(command, answer);
    },
    [onSettled],
  );
  const runners = running.map((command) => <CommandRunner key={command.id} showId={showId} command={command} onSettled={settle} />);
  /** Whether a command with these fields (all of them) is on its way. */
  const busy = (fields: Record<string, string>) => running.some((command) => Object.entries(fields).every(([name, value]) => command.fields[name] === value));
  return { run, busy, runners };
}

function CommandRunner({ showId, command, onSettled }: { showId: string; command: ChatCommandRun; onSettled: (command: ChatCommandRun, answer: ChatAnswer) => void }) {
  const fetcher = useFetcher<ChatAnswer>();
  const submitted = useRef(false);
  const settled = useRef(false);
  useEffect(() => {
    // Once, also when development's strict mode runs the effect twice.
    if (submitted.current) return;
    submitted.current = true;
    fetcher.submit(command.fields, { method: "post", action: chatPath(showId) });
  }, [fetcher, command, showId]);
  useEffect(() => {
    if (settled.current || fetcher.state !== "idle" || fetcher.data === undefined) return;
    settled.current = true;
    onSettled(command, fetcher.data);
  }, [fetcher.state, fetcher.data, command, onSettled]);
  return null;
}
