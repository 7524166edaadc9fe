// Addresses the app shows to people or has their browsers load (a poster, a thumbnail, an
// avatar): https only. zod's url() takes any scheme, javascript: and data: included, and an
// http: image on an https page is mixed content the browser blocks or warns about.
import { z } from "zod";

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Whether the text is an https address (or, with `loopbackHttp`, an http one on this machine). */
export function isWebAddress(value: string, { loopbackHttp = false }: { loopbackHttp?: boolean } = {}): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return url.hostname !== "";
  return loopbackHttp && url.protocol === "http:" && LOOPBACK_HOSTS.test(url.hostname);
}

/** An https address of at most 2,048 characters; `message` is what the person reads when it is not. */
export function httpsAddress(message: string, options: { loopbackHttp?: boolean } = {}) {
  return z
    .string()
    .max(2048, message)
    .refine((value) => isWebAddress(value, options), message);
}
