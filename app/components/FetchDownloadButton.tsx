import { BlockStack, Button, Text } from "@shopify/polaris";
import { useState } from "react";

interface FetchDownloadButtonProps {
  url: string;
  /** The file's name when the answer's Content-Disposition gives none. */
  fallbackName: string;
  label: string;
  size?: "slim" | "medium";
}

/**
 * Downloads a file the app serves with the embedded admin's session: App Bridge's fetch carries
 * the session token, which a plain link would not. Saved under the name Content-Disposition gives.
 */
export function FetchDownloadButton({ url, fallbackName, label, size = "medium" }: FetchDownloadButtonProps) {
  const [state, setState] = useState<"idle" | "loading" | "failed">("idle");
  const download = async () => {
    setState("loading");
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(String(response.status));
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
      const objectUrl = URL.createObjectURL(await response.blob());
      const anchor = document.createElement("a");
      anchor.href = objectUrl;
      anchor.download = name;
      anchor.click();
      URL.revokeObjectURL(objectUrl);
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  return (
    <BlockStack gap="100">
      <Button onClick={download} loading={state === "loading"} size={size}>
        {label}
      </Button>
      <div role="status">
        {state === "failed" ? (
          <Text as="p" tone="critical">
            The file could not be downloaded. Reload the page and try again.
          </Text>
        ) : null}
      </div>
    </BlockStack>
  );
}
