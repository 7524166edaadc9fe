import { Banner, type BannerHandles } from "@shopify/polaris";
import { useEffect, useRef } from "react";
import type { CommandResult } from "./types";

/**
 * What a command that changes the whole show did (ending it, making it public). The button that
 * ran it leaves with the state it belonged to, so focus moves here instead of being lost.
 */
export function CommandResultBanner({ result, successTitle }: { result: CommandResult; successTitle: string }) {
  const banner = useRef<BannerHandles>(null);
  useEffect(() => banner.current?.focus(), [result]);
  return (
    <Banner ref={banner} tone={result.ok ? "success" : "critical"} title={result.ok ? successTitle : "Something needs your attention"}>
      <p>{result.message}</p>
    </Banner>
  );
}
