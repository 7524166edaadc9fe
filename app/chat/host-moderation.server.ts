// A host moderates their show's chat from the creator portal (creator.shows.$id.chat.tsx): the
// same view and the same commands as the control room, for a show of this shop that this creator hosts, while it is
// live (a public show or a rehearsal). The host hides, pins, marks answered and bans; turning the
// chat off and slow mode stay the shop's. Another creator's show, or another shop's, is not found.
import prisma from "~/db.server";
import type { PortalCreator } from "~/creators/portal-session.server";
import type { ChatCommand } from "./chat-commands";
import { runChatCommand } from "./chat-commands.server";
import { readControlRoomChat, type ControlRoomChat } from "./control-room-chat.server";

export const NOT_YOUR_SHOW = "This show is not one you host in this shop. Open it from your portal's list of shows.";
const NOT_LIVE = "The chat can be moderated while the show is live. Come back when you are on air.";
const SHOPS_CONTROLS = "Only the shop turns the chat off or sets slow mode; you can hide, pin, mark answered and ban.";

export interface HostedChat {
  show: { id: string; title: string; mode: string; live: boolean };
  chat: ControlRoomChat;
}

const HOST_COMMANDS: ReadonlySet<ChatCommand["intent"]> = new Set(["hide_message", "pin_message", "unpin_message", "mark_answered", "ban_viewer"]);

function hostedShow(creator: PortalCreator, showId: string) {
  return prisma.show.findFirst({ where: { id: showId, shop: creator.shop, creatorId: creator.id }, select: { id: true, title: true, mode: true, status: true } });
}

/** Null when this creator does not host such a show in their shop. */
export async function readHostedChat(creator: PortalCreator, showId: string): Promise<HostedChat | null> {
  const show = await hostedShow(creator, showId);
  const chat = show && (await readControlRoomChat(creator.shop, show.id));
  if (!show || !chat) return null;
  return { show: { id: show.id, title: show.title, mode: show.mode, live: show.status === "live" }, chat };
}

export interface HostCommandResult {
  status: 200 | 403 | 404 | 409;
  ok: boolean;
  message: string;
}

export async function moderateHostedChat(creator: PortalCreator, showId: string, command: ChatCommand): Promise<HostCommandResult> {
  const show = await hostedShow(creator, showId);
  if (!show) return { status: 404, ok: false, message: NOT_YOUR_SHOW };
  if (!HOST_COMMANDS.has(command.intent)) return { status: 403, ok: false, message: SHOPS_CONTROLS };
  if (show.status !== "live") return { status: 409, ok: false, message: NOT_LIVE };
  const result = await runChatCommand(creator.shop, show.id, command, { by: `creator:${creator.id}` });
  return { status: result.ok ? 200 : 404, ...result };
}
