// From a stored file to indexable passages: text extraction by media type (PDF through unpdf, the serverless build
// of PDF.js) and chunking into passages of bounded length along paragraph and sentence boundaries.
import { extractText as extractPdfText, getDocumentProxy } from "unpdf";

import type { TKnowledgeMediaType } from "@tenantry/validators";
import { KNOWLEDGE_MEDIA_TYPES } from "@tenantry/validators";

/** A document whose text cannot be read: the job records the message as the document's failure reason. */
export class ExtractionError extends Error {
  override name = "ExtractionError";
}

const EXTENSION_TYPES: Record<string, TKnowledgeMediaType> = {
  txt: "text/plain",
  text: "text/plain",
  md: "text/markdown",
  markdown: "text/markdown",
  pdf: "application/pdf",
};

/**
 * The knowledge media type of an upload, or null when it is not one the knowledge base reads. Browsers send ""
 * or application/octet-stream for .md files, so a generic type falls back to the file's extension; a specific
 * type that is not supported (image/png) is refused whatever the name says.
 */
export function knowledgeMediaType(declared: string, fileName: string): TKnowledgeMediaType | null {
  const type = (declared.split(";")[0] ?? "").trim().toLowerCase();
  if ((KNOWLEDGE_MEDIA_TYPES as readonly string[]).includes(type))
    return type as TKnowledgeMediaType;
  if (type === "text/x-markdown") return "text/markdown";
  if (type !== "" && type !== "application/octet-stream") return null;
  const extension = fileName.toLowerCase().split(".").pop() ?? "";
  return EXTENSION_TYPES[extension] ?? null;
}

const PDF_MAGIC = "%PDF-";

/** The document's text: UTF-8 for text and Markdown (a BOM dropped), PDF.js's text layer for PDFs. */
export async function extractText(bytes: Uint8Array, mediaType: string): Promise<string> {
  if (mediaType === "application/pdf") {
    if (new TextDecoder().decode(bytes.subarray(0, 5)) !== PDF_MAGIC) {
      throw new ExtractionError("The file is not a PDF (no %PDF- header)");
    }
    let pages: string[];
    try {
      // getDocumentProxy takes ownership of the buffer it is given: hand it a copy.
      const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
      pages = (await extractPdfText(pdf, { mergePages: false })).text;
      await pdf.destroy();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ExtractionError(`The PDF could not be read: ${reason}`.slice(0, 400));
    }
    const text = pages.map((page) => page.trim()).join("\n\n");
    if (!text.trim()) {
      throw new ExtractionError(
        "The PDF has no text layer (a scanned image?); OCR is not supported",
      );
    }
    return text;
  }
  if (mediaType === "text/plain" || mediaType === "text/markdown") {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new ExtractionError("The file is not valid UTF-8 text");
    }
    // PostgreSQL text cannot hold NUL; a file with NULs is binary in disguise.
    if (text.includes("\u0000")) throw new ExtractionError("The file contains binary data");
    if (!text.trim()) throw new ExtractionError("The file is empty");
    return text.replace(/^\uFEFF/, "");
  }
  throw new ExtractionError(`Files of type ${mediaType} are not supported`);
}

export interface ChunkOptions {
  /** Longest passage, in characters (default 1200: a few paragraphs, small enough to cite). */
  maxChars?: number;
  /** Characters of the previous passage repeated at the start of the next, so a sentence cut in two is found. */
  overlap?: number;
}

/** Splits a too-long paragraph at sentence ends, then at spaces, never above `max` characters. */
function splitParagraph(paragraph: string, max: number): string[] {
  if (paragraph.length <= max) return [paragraph];
  const sentences = paragraph.match(/[^.!?]+(?:[.!?]+|$)\s*/g) ?? [paragraph];
  const parts: string[] = [];
  let current = "";
  for (const sentence of sentences) {
    if (current && current.length + sentence.length > max) {
      parts.push(current.trim());
      current = "";
    }
    if (sentence.length > max) {
      for (let i = 0; i < sentence.length; i += max) parts.push(sentence.slice(i, i + max).trim());
    } else current += sentence;
  }
  if (current.trim()) parts.push(current.trim());
  return parts.filter(Boolean);
}

/**
 * The text as passages in reading order: paragraphs (blank-line separated) packed together up to maxChars, long
 * paragraphs split at sentence ends; each passage after the first starts with the tail of the previous one.
 */
export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  const max = options.maxChars ?? 1200;
  const overlap = Math.min(options.overlap ?? 150, Math.floor(max / 4));
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[ \t]+/g, " ").trim())
    .filter(Boolean)
    .flatMap((p) => splitParagraph(p, max - overlap));
  const chunks: string[] = [];
  let current = "";
  for (const paragraph of paragraphs) {
    if (current && current.length + paragraph.length + 2 > max - overlap) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current}\n\n${paragraph}` : paragraph;
  }
  if (current) chunks.push(current);
  if (overlap === 0) return chunks;
  return chunks.map((chunk, i) => {
    if (i === 0) return chunk;
    const previous = chunks[i - 1] ?? "";
    const tail = previous.slice(-overlap);
    // Start the overlap at a word boundary.
    const cut = tail.indexOf(" ");
    return `${cut >= 0 ? tail.slice(cut + 1) : tail} ${chunk}`.trim();
  });
}
