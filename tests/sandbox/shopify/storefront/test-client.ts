// A shopper for the storefront's tests: fetch with a cookie jar (the cart cookie, a discount
// code, a signed-in customer), always naming the shop as a browser on its domain would.

export interface ShopperResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (throws when it is not). */
  json<T = unknown>(): T;
}

export class Shopper {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly shop: string,
  ) {}

  async request(method: string, path: string, { json, form }: { json?: unknown; form?: Record<string, string> } = {}): Promise<ShopperResponse> {
    const headers: Record<string, string> = { "x-sandbox-shop": this.shop };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    let body: string | undefined;
    if (json !== undefined) {
      headers["content-type"] = "application/json";
      body = typeof json === "string" ? json : JSON.stringify(json);
    } else if (form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(form).toString();
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  get(path: string) {
    return this.request("GET", path);
  }

  postJson(path: string, json: unknown) {
    return this.request("POST", path, { json });
  }

  postForm(path: string, form: Record<string, string>) {
    return this.request("POST", path, { form });
  }
}
