import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { MarkdownText } from "./Markdown";

const html = (source: string) => renderToStaticMarkup(<MarkdownText source={source} />);

describe("Markdown rationales", () => {
  it("renders GitHub-flavoured Markdown: emphasis, lists, tables, strikethrough", () => {
    const out = html("**Strong** and _soft_\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~");
    expect(out).toContain("<strong>Strong</strong>");
    expect(out).toContain("<em>soft</em>");
    expect(out).toContain("<li>one</li>");
    expect(out).toContain("<table>");
    expect(out).toContain("<del>gone</del>");
  });

  it("drops raw HTML and scripts instead of rendering them", () => {
    const out = html('Before <script>alert(1)</script> <b onclick="x()">bold</b>\n\n<iframe src="https://evil.example"></iframe>\n\nAfter');
    expect(out).not.toMatch(/<script|<iframe|onclick|<b>/);
    expect(out).toContain("Before");
    expect(out).toContain("After");
  });

  it("never fetches an image nor makes a followable link, whatever the scheme", () => {
    const out = html("![chart](https://tracker.example/p.png) [site](https://example.org) [js](javascript:alert(1))");
    expect(out).not.toMatch(/<img|<a |href=|src=/);
    expect(out).toContain("chart");
    expect(out).toContain("⟨https://example.org⟩");
    expect(out).toContain("site");
  });
});
