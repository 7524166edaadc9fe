import type { EncoderEventData } from "~/realtime/events";
import type { ShowStatus } from "~/shows/lifecycle";
import type { ActiveDeal } from "../DealCard";

/** The show as the show page draws it (getShowDetail's answer, serialised). */
export interface ShowView {
  id: string;
  title: string;
  startsAtLabel: string;
  status: ShowStatus;
  mode: "public" | "rehearsal";
  creatorId: string | null;
  hostName: string;
  hostChangeable: boolean;
  planHeld: boolean;
  /** The encoder as Mux last told of it (shows/encoder-state.server.ts encoderView). */
  encoder: EncoderEventData;
  hasStream: boolean;
  ingestUrl: string;
  activeDeal: ActiveDeal | null;
  durationMinutes: number;
  currency: string;
  timezone: string;
  previewStream: { src: string; poster: string } | null;
  /** The private preview card: null where the show has no use for a link. */
  preview: { link: { url: string; expiresAtLabel: string } | null } | null;
  replayStream: { src: string; poster: string } | null;
  products: {
    id: string;
    productId: string;
    title: string;
    imageUrl: string | null;
    pinned: boolean;
    removed: boolean;
  }[];
}

/** What a show command answers (show-commands.server.ts). */
export interface CommandResult {
  ok: boolean;
  message?: string;
  streamKey?: string;
  errors?: Record<string, string>;
}
