import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * A rationale written in Markdown (GitHub's flavour: tables, lists,
 * strikethrough), rendered as React elements: raw HTML is dropped, never
 * parsed; images render as their alternative text (nothing is fetched, the
 * app is offline); links render as their text followed by the address, and
 * are not followable, so no click leaves the app.
 */
const components: Components = {
  img: ({ alt }) => <span className="md-image">{alt ?? ""}</span>,
  a: ({ children, href }) => (
    <span className="md-link">
      {children}
      {href ? (
        <>
          {" "}
          <bdi dir="ltr" className="md-link-target">
            ⟨{href}⟩
          </bdi>
        </>
      ) : null}
    </span>
  ),
};

export function MarkdownText({ source, className }: { source: string; className?: string }) {
  return (
    // Always someone's own writing: its direction is its own (an English rationale in the Arabic interface reads left to right).
    <div className={className ? `markdown ${className}` : "markdown"} dir="auto">
      <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components} urlTransform={(url) => url}>
        {source}
      </Markdown>
    </div>
  );
}
