// Text extraction and chunking on the shipped fixtures: the handbook PDF (generated deterministically by
// test/fixtures/make-knowledge-pdf.ts) read through unpdf, type detection, and passage boundaries.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import { buildHandbookPdf, HANDBOOK_PAGES } from "../../test/fixtures/make-knowledge-pdf.ts";
import { chunkText, ExtractionError, extractText, knowledgeMediaType } from "./knowledge-text.ts";

const fixture = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../test/fixtures/knowledge-handbook.pdf",
);

describe("knowledge text extraction", () => {
  it("ships the fixture the generator makes, byte for byte", () => {
    expect(readFileSync(fixture).equals(buildHandbookPdf())).toBe(true);
  });

  it("extracts every line of every page of the PDF, pages as paragraphs in order", async () => {
    const text = await extractText(new Uint8Array(readFileSync(fixture)), "application/pdf");
    const pages = text.split("\n\n");
    expect(pages).toHaveLength(HANDBOOK_PAGES.length);
    HANDBOOK_PAGES.forEach((lines, i) => {
      for (const line of lines) expect(pages[i]).toContain(line);
    });
  });

  it("refuses a file that only claims to be a PDF, and a PDF without a text layer", async () => {
    const fake = new TextEncoder().encode("just some text pretending");
    await expect(extractText(fake, "application/pdf")).rejects.toThrow(/not a PDF/);
    const broken = new TextEncoder().encode("%PDF-1.4\nthis is not a PDF body\n%%EOF\n");
    await expect(extractText(broken, "application/pdf")).rejects.toBeInstanceOf(ExtractionError);
  });

  it("reads UTF-8 text and Markdown, refusing binary data and invalid UTF-8", async () => {
    const md = new TextEncoder().encode("\uFEFF# Title\n\nCafé crème");
    expect(await extractText(md, "text/markdown")).toBe("# Title\n\nCafé crème");
    await expect(extractText(new Uint8Array([0xff, 0xfe, 0x41]), "text/plain")).rejects.toThrow(
      /UTF-8/,
    );
    await expect(extractText(new Uint8Array([0x41, 0x00, 0x42]), "text/plain")).rejects.toThrow(
      /binary/,
    );
    await expect(extractText(new TextEncoder().encode("  \n "), "text/plain")).rejects.toThrow(
      /empty/,
    );
  });

  it("decides the media type from the declared type, or the extension when the type is generic", () => {
    expect(knowledgeMediaType("application/pdf", "x.bin")).toBe("application/pdf");
    expect(knowledgeMediaType("text/plain; charset=utf-8", "notes")).toBe("text/plain");
    expect(knowledgeMediaType("", "README.md")).toBe("text/markdown");
    expect(knowledgeMediaType("application/octet-stream", "guide.PDF")).toBe("application/pdf");
    expect(knowledgeMediaType("text/x-markdown", "a")).toBe("text/markdown");
    expect(knowledgeMediaType("image/png", "looks-like.md")).toBeNull();
    expect(knowledgeMediaType("", "program.exe")).toBeNull();
  });
});

describe("chunking", () => {
  it("packs short paragraphs together and keeps reading order", () => {
    const chunks = chunkText("one\n\ntwo\n\nthree", { maxChars: 100, overlap: 0 });
    expect(chunks).toEqual(["one\n\ntwo\n\nthree"]);
  });

  it("never exceeds maxChars, splits long paragraphs at sentence ends and overlaps neighbours", () => {
    const sentence = (i: number) => `Sentence number ${i} talks about topic ${i}.`;
    const paragraph = Array.from({ length: 60 }, (_, i) => sentence(i)).join(" ");
    const text = `${paragraph}\n\n${paragraph}`;
    const chunks = chunkText(text, { maxChars: 300, overlap: 40 });
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(300);
    // Every sentence survives somewhere, in order of first appearance.
    const joined = chunks.join(" ");
    for (let i = 0; i < 60; i++) expect(joined).toContain(sentence(i));
    // The start of each later chunk repeats the end of the previous one.
    for (let i = 1; i < chunks.length; i++) {
      const head = (chunks[i] ?? "").slice(0, 15);
      expect(chunks[i - 1]).toContain(head);
    }
  });

  it("cuts a single word longer than a passage without losing characters", () => {
    const word = "x".repeat(650);
    const chunks = chunkText(word, { maxChars: 200, overlap: 0 });
    expect(chunks.join("")).toBe(word);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(200);
  });
});
