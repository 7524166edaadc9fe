// A browser-like client for the creator portal: keeps the session cookie, follows nothing by itself.
import { BROWSER_USER_AGENT } from "./admin-client";

export interface PortalClient {
  readonly cookie: string;
  setCookie(value: string): void;
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>): Promise<Response>;
  /** A POST with a body as given, for bodies a browser's form would never send. */
  send(path: string, body: BodyInit, contentType: string | null): Promise<Response>;
}

export function portalClient(appUrl: string): PortalClient {
  let cookie = "";
  const remember = (response: Response) => {
    const set = response.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0]!;
    return response;
  };
  const headers = (): Record<string, string> => ({ "user-agent": BROWSER_USER_AGENT, ...(cookie ? { cookie } : {}) });
  const request = async (path: string, init: RequestInit = {}) =>
    remember(await fetch(new URL(path, appUrl), { ...init, headers: { ...headers(), ...(init.headers as Record<string, string> | undefined) }, redirect: "manual" }));
  return {
    get cookie() {
      return cookie;
    },
    setCookie(value: string) {
      cookie = value;
    },
    get: (path) => request(path),
    post: (path, form) => request(path, { method: "POST", body: new URLSearchParams(form) }),
    send: (path, body, contentType) => request(path, { method: "POST", body, headers: contentType ? { "content-type": contentType } : {} }),
  };
}
