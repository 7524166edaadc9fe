// Identifiers shaped like Mux's: long base62 ids for resources and playback ids, UUIDs for
// stream keys and webhook events. Random, so two emulators never hand out the same id.
import { randomBytes, randomUUID } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(length: number): string {
  let out = "";
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** Live streams, assets and simulcast targets: Mux ids are 44 alphanumerics. */
export const resourceId = () => base62(44);
/** Playback ids are what viewers see in URLs; Mux's are 44 alphanumerics too. */
export const playbackId = () => base62(44);
export const streamKey = () => randomUUID();
export const eventId = () => randomUUID();
