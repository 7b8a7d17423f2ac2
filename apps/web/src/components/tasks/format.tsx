// Formatting helpers for task pages.
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";

import { cn } from "~/lib/utils";

export function formatBytes(size: number) {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * User-written text (descriptions, comments) as plain text with its line breaks kept. No Markdown library is
 * installed, so nothing is parsed as Markdown or HTML: React renders a text node, which is safe by construction.
 */
export function PlainText(props: { text: string; className?: string }) {
  return <p className={cn("break-words whitespace-pre-wrap", props.className)}>{props.text}</p>;
}

/**
 * A task description written in Markdown (GitHub flavour). Sanitized by construction: react-markdown builds React
 * elements from the Markdown syntax tree and drops raw HTML (no rehype-raw), links are limited to http(s) and mailto
 * and open with noopener, and images are not rendered (a tracking pixel could leak who reads the task).
 */
export function MarkdownText(props: { text: string; className?: string }) {
  return (
    <div
      className={cn(
        "space-y-2 break-words text-sm [&_a]:text-primary [&_a]:underline [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-muted [&_pre]:p-2 [&_ul]:list-disc",
        props.className,
      )}
    >
      <Markdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        disallowedElements={["img"]}
        urlTransform={(url) => (/^(https?:|mailto:)/i.test(url) ? url : "")}
        components={{
          a: ({ node: _node, ...anchor }) => (
            <a {...anchor} target="_blank" rel="noopener noreferrer" />
          ),
        }}
      >
        {props.text}
      </Markdown>
    </div>
  );
}
