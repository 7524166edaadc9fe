// /app/shows/:id/chat — the control room's chat. GET: what the host moderates (controls, the
// pinned message, the question queue, the latest messages). POST: a moderation command
// (app/chat/chat-commands.ts names them): hide a message, pin or unpin one, mark a question
// answered, slow mode, chat on or off. A route of its own beside the show page, so the chat card
// loads and reloads the chat alone, and the chat's commands stay in app/chat. Answers in words:
// { ok, message } when done, { error } with 400 for a form it cannot use or 404 for a show or
// message that is not the shop's.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { chatCommand } from "~/chat/chat-commands";
import { runChatCommand } from "~/chat/chat-commands.server";
import { readControlRoomChat } from "~/chat/control-room-chat.server";
import { issuesOf } from "~/http/field-errors";
import { readForm } from "~/http/form-body.server";
import { badRequest, notFound } from "~/http/responses.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const chat = await readControlRoomChat(session.shop, params.id ?? "");
  if (!chat) return notFound("This show does not exist in your shop.");
  return Response.json(chat, { headers: { "Cache-Control": "no-store" } });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const command = chatCommand.safeParse(await readForm(request));
  if (!command.success) return badRequest(issuesOf(command.error));
  const { ok, message } = await runChatCommand(session.shop, params.id ?? "", command.data);
  return ok ? Response.json({ ok, message }) : notFound(message);
};
